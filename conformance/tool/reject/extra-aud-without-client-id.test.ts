// Extra negative case (certification.md §2, last paragraph): `aud` without the tool's client id
// (VAL-007) — a token the platform issued for another tool, as a string and as an array.
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

for (const aud of ['imstester_other', ['imstester_other', 'imstester_third']]) {
  it(`aud ${JSON.stringify(aud)} is refused with ERR_LTI_AUDIENCE_MISMATCH`, async () => {
    const harness = await createToolHarness();
    const { response } = await harness.launch('student', (payload) => {
      payload.aud = aud;
      payload.azp = 'imstester_other';
    });
    await assertRejectedWith(response, 'ERR_LTI_AUDIENCE_MISMATCH');
  });
}
