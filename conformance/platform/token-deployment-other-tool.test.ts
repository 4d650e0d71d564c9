// Platform token endpoint (TOK-002, TOK-016): a deployment named in the client assertion must be one
// of the tool's; naming another tool's deployment must not yield a token scoped to it.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { LTI_CLAIM } from 'ltikit';
import { assertRejectedWith } from '../support/assertions.js';
import { createTokenHarness, oauthErrorOf } from '../support/token_harness.js';

it('an assertion naming another tool’s deployment is refused with ERR_LTI_CLIENT_ASSERTION_DEPLOYMENT_UNKNOWN (unauthorized_client)', async () => {
  const harness = await createTokenHarness();
  // `otherdeploy` belongs to the second registered tool.
  const response = await harness.requestToken(harness.tokenParameters(await harness.assertion({ [LTI_CLAIM.deploymentId]: 'otherdeploy' })));
  assert.equal(response.status, 400);
  assert.equal(await oauthErrorOf(response), 'unauthorized_client');
  await assertRejectedWith(response, 'ERR_LTI_CLIENT_ASSERTION_DEPLOYMENT_UNKNOWN');
});
