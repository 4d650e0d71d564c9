// DR-033 · a tool registered by Dynamic Registration and still waiting for review: `createLaunch`
// refuses with ERR_LTI_AUTH_CLIENT_PENDING (unauthorized_client), so the browser is never sent to
// the login URL the tool declared itself; once approved, the launch is issued.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { LtiError } from 'ltikit/errors';
import { TOOL_ORIGIN, clientRegistration, createRegistrationHarness } from '../support/registration_harness.js';

it('DR-033 createLaunch refuses a pending tool with ERR_LTI_AUTH_CLIENT_PENDING, and issues the launch once approved', async () => {
  const harness = createRegistrationHarness();
  const { client_id: clientId } = (await (await harness.register(clientRegistration(TOOL_ORIGIN), await harness.token())).json()) as { client_id: string };
  const tool = (await harness.platformStores.tools.getTool(clientId))!;
  const launch = () => harness.platform.createLaunch({ clientId, deploymentId: tool.deploymentIds[0]!, user: { id: 'u-1' }, roles: [], resourceLink: { id: 'rl-1' } });
  await assert.rejects(launch(), (error: unknown) => {
    assert.ok(error instanceof LtiError);
    assert.equal(error.code, 'ERR_LTI_AUTH_CLIENT_PENDING');
    assert.equal(error.oauthError, 'unauthorized_client');
    return true;
  });
  await harness.platform.approveRegistration(clientId);
  assert.ok((await launch()).loginUrl.startsWith(tool.initiateLoginUri));
});
