// Platform Deep Linking return URL, negative case. DL-021, DL-051: an attacker's key under the tool's `kid`: the signature does not verify.
// Answered 400 with the code, never accepted, never a 500.
import { it } from 'node:test';
import { generateSigningKey } from 'ltikit/keys';
import { assertRejectedWith } from '../support/assertions.js';
import { createDeepLinkingPlatformHarness } from '../support/deep_linking_harness.js';

it('Deep Linking response: signed by other key is refused with ERR_LTI_DL_JWT_SIGNATURE_INVALID', async () => {
  const harness = await createDeepLinkingPlatformHarness();
  const issued = await harness.issue();
  const attacker = await generateSigningKey({ alg: 'RS256', now: harness.clock.now(), kid: harness.toolKey.kid });
  const { response } = await harness.respond(issued, {}, { key: attacker });
  await assertRejectedWith(response, 'ERR_LTI_DL_JWT_SIGNATURE_INVALID');
});
