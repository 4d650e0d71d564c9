// Platform Deep Linking return URL, negative case. DL-051: an `iss` that is no registered client id, or none at all.
// Answered 400 with the code, never accepted, never a 500.
import { it } from 'node:test';
import { assertRejectedWith } from '../support/assertions.js';
import { createDeepLinkingPlatformHarness } from '../support/deep_linking_harness.js';

it('Deep Linking response: iss unknown is refused with ERR_LTI_DL_ISSUER_UNKNOWN', async () => {
  const harness = await createDeepLinkingPlatformHarness();
  const issued = await harness.issue();
  for (const iss of ['imstester_unknown', undefined]) {
    const { response } = await harness.respond(issued, { iss });
    await assertRejectedWith(response, 'ERR_LTI_DL_ISSUER_UNKNOWN');
  }
});
