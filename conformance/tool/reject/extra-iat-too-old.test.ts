// Extra negative case (VAL-010): `iat` older than the tool accepts (600 s + 60 s skew by default)
// while `exp` is still in the future — a long-lived token issued an hour ago. (With `exp` in the
// past too, the token is refused as expired first: CERT-T-36.)
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { createToolHarness, NOW } from '../../support/tool_harness.js';

it('iat one hour old with a valid exp is refused with ERR_LTI_TOKEN_TOO_OLD', async () => {
  const harness = await createToolHarness();
  const { response } = await harness.launch('student', (payload) => {
    payload.iat = NOW - 3600;
    payload.exp = NOW + 300;
  });
  await assertRejectedWith(response, 'ERR_LTI_TOKEN_TOO_OLD');
});
