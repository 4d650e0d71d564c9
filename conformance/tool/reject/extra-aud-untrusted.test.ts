// Extra negative case (VAL-007): `aud` contains the client id but also an audience the tool does not
// trust. A token minted for several relying parties is refused unless the tool was configured to
// trust the others (`trustedAudiences`), even with a correct `azp`.
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { CLIENT_ID, createToolHarness } from '../../support/tool_harness.js';

it('aud [client id, untrusted] with azp = client id is refused with ERR_LTI_AUDIENCE_UNTRUSTED', async () => {
  const harness = await createToolHarness();
  const { response } = await harness.launch('student', (payload) => {
    payload.aud = [CLIENT_ID, 'https://evil.example/other-rp'];
    payload.azp = CLIENT_ID;
  });
  await assertRejectedWith(response, 'ERR_LTI_AUDIENCE_UNTRUSTED');
});
