// Extra negative case (SEC-003): a token declaring `ES256` whose `kid` names the platform's RSA key.
// It is signed with an EC P-256 key the attacker holds; the verifier must never let the header pick
// an algorithm the named key was not made for.
import { it } from 'node:test';
import { generateSigningKey } from 'ltikit/keys';
import { assertRejectedWith } from '../../support/assertions.js';
import { createToolHarness, NOW } from '../../support/tool_harness.js';

it('ES256 declared for an RSA kid is refused with ERR_LTI_JWT_ALG_KEY_MISMATCH', async () => {
  const harness = await createToolHarness({ algorithm: 'RS256' });
  const ecKey = await generateSigningKey({ alg: 'ES256', now: NOW });
  const { response } = await harness.launch('student', undefined, { key: ecKey, header: { kid: harness.platformKey.kid } });
  await assertRejectedWith(response, 'ERR_LTI_JWT_ALG_KEY_MISMATCH');
});
