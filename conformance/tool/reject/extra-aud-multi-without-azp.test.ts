// Extra negative case (certification.md §2, last paragraph): multi-valued `aud` containing the
// client id, without `azp` (VAL-008): with several audiences the token must say which party it was
// issued to.
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { CLIENT_ID, createToolHarness } from '../../support/tool_harness.js';

it('aud [client id, other] without azp is refused with ERR_LTI_AZP_MISSING', async () => {
  // The other audience is trusted, so the refusal is about the missing azp alone.
  const harness = await createToolHarness({ tool: { trustedAudiences: ['https://other-audience.example.com', 'imstester_other', 'other'] } });
  const { response } = await harness.launch('student', (payload) => {
    payload.aud = [CLIENT_ID, 'https://other-audience.example.com'];
    delete payload.azp;
  });
  await assertRejectedWith(response, 'ERR_LTI_AZP_MISSING');
});
