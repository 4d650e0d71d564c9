// Extra negative case: unknown `lti_deployment_id` at login initiation (OIDC-004): refused before the
// browser is sent to the platform — no redirect, no state cookie.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('login with an unknown lti_deployment_id is refused with ERR_LTI_DEPLOYMENT_UNKNOWN', async () => {
  const harness = await createToolHarness();
  const response = await harness.requestLogin({ parameters: { lti_deployment_id: 'otherdeploy' } });
  assert.deepEqual(response.headers.getSetCookie(), []);
  await assertRejectedWith(response, 'ERR_LTI_DEPLOYMENT_UNKNOWN');
});
