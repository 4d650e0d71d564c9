// CERT-T-33 · "LTI version passed is not 1.3" (certification.md §2): `lti:version` = "11.3".
// VAL-012: only "1.3.0" is accepted.
import { it } from 'node:test';
import { LTI_CLAIM } from 'ltikit/vocab';
import { assertRejectedWith } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('CERT-T-33 LTI version passed is not 1.3: refused with ERR_LTI_VERSION_UNSUPPORTED', async () => {
  const harness = await createToolHarness();
  const { response } = await harness.launch('student', (payload) => {
    payload[LTI_CLAIM.version] = '11.3';
  });
  await assertRejectedWith(response, 'ERR_LTI_VERSION_UNSUPPORTED');
});
