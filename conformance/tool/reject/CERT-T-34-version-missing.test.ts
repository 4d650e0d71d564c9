// CERT-T-34 · "No LTI Version Passed in JWT" (certification.md §2): `lti:version` absent (VAL-012).
import { it } from 'node:test';
import { LTI_CLAIM } from 'ltikit/vocab';
import { assertRejectedWith } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('CERT-T-34 No LTI Version Passed in JWT: refused with ERR_LTI_VERSION_MISSING', async () => {
  const harness = await createToolHarness();
  const { response } = await harness.launch('student', (payload) => {
    delete payload[LTI_CLAIM.version];
  });
  await assertRejectedWith(response, 'ERR_LTI_VERSION_MISSING');
});
