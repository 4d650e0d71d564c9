// CERT-T-41 · "user Claim Missing" (certification.md §2): `sub` = "". A present `sub` must be
// non-empty (VAL-017); an empty one is not an anonymous launch.
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('CERT-T-41 user Claim Missing: refused with ERR_LTI_SUBJECT_EMPTY', async () => {
  const harness = await createToolHarness();
  const { response } = await harness.launch('student', (payload) => {
    payload.sub = '';
  });
  await assertRejectedWith(response, 'ERR_LTI_SUBJECT_EMPTY');
});
