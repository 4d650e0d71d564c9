// CERT-T-36 · "Exp and Iat Fields invalid" (certification.md §2): `exp` = 22222, `iat` = 11111
// (1970). The signature check verifies `exp` with the allowed clock skew (VAL-009), so the token is
// refused as expired before its `iat` is looked at (VAL-010).
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('CERT-T-36 Exp and Iat Fields invalid: refused with ERR_LTI_TOKEN_EXPIRED', async () => {
  const harness = await createToolHarness();
  const { response } = await harness.launch('student', (payload) => {
    payload.exp = 22222;
    payload.iat = 11111;
  });
  await assertRejectedWith(response, 'ERR_LTI_TOKEN_EXPIRED');
});
