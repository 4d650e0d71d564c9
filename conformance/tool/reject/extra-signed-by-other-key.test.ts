// Extra negative case (VAL-005): a forged token signed with the attacker's own RSA key under the
// platform's real `kid`. The key the `kid` names in the platform JWKS does not verify it.
import { it } from 'node:test';
import { generateSigningKey } from 'ltikit/keys';
import { assertRejectedWith } from '../../support/assertions.js';
import { createToolHarness, NOW } from '../../support/tool_harness.js';

it("a token signed by another key under the platform's kid is refused with ERR_LTI_JWT_SIGNATURE_INVALID", async () => {
  const harness = await createToolHarness();
  const attackerKey = await generateSigningKey({ alg: 'RS256', kid: harness.platformKey.kid, now: NOW });
  const { response } = await harness.launch('student', undefined, { key: attackerKey });
  await assertRejectedWith(response, 'ERR_LTI_JWT_SIGNATURE_INVALID');
});
