// VAL-007, VAL-008 (positive counterpart of reject/extra-aud-multi-* and extra-aud-untrusted): a
// multi-valued `aud` that contains the client id and an audience the tool was told to trust, with
// `azp` = the client id, is accepted; so is the certification
// baseline's single string `aud` without `azp` (certification.md §1 note), covered by CERT-T-01/02.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertLaunched } from '../../support/assertions.js';
import { CLIENT_ID, createToolHarness } from '../../support/tool_harness.js';

it('aud [client id, other] with azp = client id is accepted', async () => {
  const harness = await createToolHarness({ tool: { trustedAudiences: ['https://other-audience.example.com'] } });
  const { response } = await harness.launch('student', (payload) => {
    payload.aud = [CLIENT_ID, 'https://other-audience.example.com'];
    payload.azp = CLIENT_ID;
  });
  await assertLaunched(response);
  assert.equal(harness.lastLaunch().clientId, CLIENT_ID);
});
