// CERT-T-39 · "deployment_id Claim Missing" (certification.md §2): `lti:deployment_id` absent (VAL-014).
import { it } from 'node:test';
import { LTI_CLAIM } from 'ltikit/vocab';
import { assertRejectedWith } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('CERT-T-39 deployment_id Claim Missing: refused with ERR_LTI_DEPLOYMENT_ID_MISSING', async () => {
  const harness = await createToolHarness();
  const { response } = await harness.launch('student', (payload) => {
    delete payload[LTI_CLAIM.deploymentId];
  });
  await assertRejectedWith(response, 'ERR_LTI_DEPLOYMENT_ID_MISSING');
});
