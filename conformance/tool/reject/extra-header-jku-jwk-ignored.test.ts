// Extra negative case (SEC-007, VAL-005): header key injection. The forged token is signed with the
// attacker's key under the platform's real `kid` and carries the attacker's public key in `jwk` and
// the attacker's key set URL in `jku`. The tool must take keys from the registration only: it never
// fetches `jku`, never trusts `jwk`, and the platform key refuses the signature.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { generateSigningKey } from 'ltikit/keys';
import { assertRejectedWith } from '../../support/assertions.js';
import { createToolHarness, NOW, PLATFORM_JWKS_URI } from '../../support/tool_harness.js';

it('a token naming its own key in jku/jwk is refused with ERR_LTI_JWT_SIGNATURE_INVALID', async () => {
  const harness = await createToolHarness();
  const attackerKey = await generateSigningKey({ alg: 'RS256', kid: harness.platformKey.kid, now: NOW });
  const { response } = await harness.launch('student', undefined, {
    key: attackerKey,
    header: { jku: 'https://attacker.example.com/jwks.json', jwk: attackerKey.publicJwk },
  });
  await assertRejectedWith(response, 'ERR_LTI_JWT_SIGNATURE_INVALID');
  assert.deepEqual(harness.fetched, [PLATFORM_JWKS_URI], 'only the registered key set is fetched');
});
