// Platform registration endpoint (DR-030..DR-033): a conforming client registration with a valid
// token is registered, pending review, with a deployment, and answered with the registered
// metadata, `client_id` and the `deployment_id` inside the LTI tool configuration.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { TOOL_CONFIGURATION, TOOL_ORIGIN, clientRegistration, createRegistrationHarness } from '../support/registration_harness.js';

it('registers a conforming client registration as a pending tool and echoes it with client_id and deployment_id', async () => {
  const harness = createRegistrationHarness();
  const response = await harness.register(clientRegistration(TOOL_ORIGIN), await harness.token());
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  const body = (await response.json()) as Record<string, unknown> & { client_id: string; [TOOL_CONFIGURATION]: { deployment_id: string } };
  const tool = await harness.platformStores.tools.getTool(body.client_id);
  assert.equal(tool?.status, 'pending');
  assert.deepEqual(tool?.deploymentIds, [body[TOOL_CONFIGURATION].deployment_id]);
  assert.equal(body.client_name, 'Fractions Trainer');
  assert.equal(body.token_endpoint_auth_method, 'private_key_jwt');
});
