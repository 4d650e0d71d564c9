// Extra negative case (certification.md §2, last paragraph): `azp` that is not the client id
// (VAL-008) — with a multi-valued `aud`, and (VAL-008 "if azp is present at all") with a single one.
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { CLIENT_ID, createToolHarness } from '../../support/tool_harness.js';

for (const aud of [[CLIENT_ID, 'imstester_other'], CLIENT_ID]) {
  it(`aud ${JSON.stringify(aud)} with azp of another client is refused with ERR_LTI_AZP_MISMATCH`, async () => {
    // The other audience is trusted, so the refusal is about azp alone.
    const harness = await createToolHarness({ tool: { trustedAudiences: ['https://other-audience.example.com', 'imstester_other', 'other'] } });
    const { response } = await harness.launch('student', (payload) => {
      payload.aud = aud;
      payload.azp = 'imstester_other';
    });
    await assertRejectedWith(response, 'ERR_LTI_AZP_MISMATCH');
  });
}
