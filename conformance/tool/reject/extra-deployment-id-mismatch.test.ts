// Extra negative case (LTI Core §4.1.2, core-security.md §2.1): the login named `lti_deployment_id`
// `testdeploy`, the token names another deployment that the registration also knows. "If present MUST
// equal the lti:deployment_id of the subsequent launch".
import { it } from 'node:test';
import { LTI_CLAIM } from 'ltikit/vocab';
import { assertRejectedWith } from '../../support/assertions.js';
import { baselinePayload, createToolHarness, DEPLOYMENT_ID } from '../../support/tool_harness.js';

it('deployment_id differing from the login lti_deployment_id is refused with ERR_LTI_DEPLOYMENT_MISMATCH', async () => {
  const harness = await createToolHarness({ registration: { deploymentIds: [DEPLOYMENT_ID, 'seconddeploy'] } });
  const login = await harness.login({ parameters: { lti_deployment_id: DEPLOYMENT_ID } });
  const payload = baselinePayload('student', login.nonce);
  payload[LTI_CLAIM.deploymentId] = 'seconddeploy';
  const response = await harness.postLaunch({ idToken: await harness.sign(payload), state: login.state, cookie: login.cookie });
  await assertRejectedWith(response, 'ERR_LTI_DEPLOYMENT_MISMATCH');
});
