// CERT-T-38 · "role Claim Missing" (certification.md §2): `lti:roles` absent. The claim may be
// empty but must be present (VAL-015).
import { it } from 'node:test';
import { LTI_CLAIM } from 'ltikit/vocab';
import { assertRejectedWith } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('CERT-T-38 role Claim Missing: refused with ERR_LTI_ROLES_MISSING', async () => {
  const harness = await createToolHarness();
  const { response } = await harness.launch('student', (payload) => {
    delete payload[LTI_CLAIM.roles];
  });
  await assertRejectedWith(response, 'ERR_LTI_ROLES_MISSING');
});
