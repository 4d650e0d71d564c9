// Extra negative case (certification.md §2, last paragraph): `alg: HS256` signed with the platform's
// *public* key as the HMAC secret — the classic key-confusion attack against verifiers that let the
// header choose the algorithm (SEC-003). Anyone can compute this signature, as the JWKS is public.
// The PEM (SPKI) and the JWK JSON text of the public key are both tried as the secret.
import { it } from 'node:test';
import { CompactSign, exportSPKI, importJWK } from 'jose';
import { assertRejectedWith } from '../../support/assertions.js';
import { baselinePayload, createToolHarness } from '../../support/tool_harness.js';

for (const form of ['SPKI PEM', 'JWK JSON'] as const) {
  it(`HS256 keyed with the public key (${form}) is refused with ERR_LTI_JWT_ALG_NOT_ALLOWED`, async () => {
    const harness = await createToolHarness();
    const login = await harness.login();
    const publicJwk = harness.platformKey.publicJwk;
    const publicKey = await importJWK(publicJwk, 'RS256', { extractable: true });
    const secretText = form === 'SPKI PEM' ? await exportSPKI(publicKey as CryptoKey) : JSON.stringify(publicJwk);
    const idToken = await new CompactSign(new TextEncoder().encode(JSON.stringify(baselinePayload('student', login.nonce))))
      .setProtectedHeader({ alg: 'HS256', kid: harness.platformKey.kid, typ: 'JWT' })
      .sign(new TextEncoder().encode(secretText));
    const response = await harness.postLaunch({ idToken, state: login.state, cookie: login.cookie });
    await assertRejectedWith(response, 'ERR_LTI_JWT_ALG_NOT_ALLOWED');
  });
}
