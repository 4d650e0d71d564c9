// Extra negative case (certification.md §2, last paragraph): unknown `deployment_id` in the token
// (VAL-014, CORE-005): the registration accepts `testdeploy` only.
import { it } from 'node:test';
import { LTI_CLAIM } from 'ltikit/vocab';
import { assertRejectedWith } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('deployment_id unknown to the registration is refused with ERR_LTI_DEPLOYMENT_UNKNOWN', async () => {
  const harness = await createToolHarness();
  const { response } = await harness.launch('student', (payload) => {
    payload[LTI_CLAIM.deploymentId] = 'otherdeploy';
  });
  await assertRejectedWith(response, 'ERR_LTI_DEPLOYMENT_UNKNOWN');
});
