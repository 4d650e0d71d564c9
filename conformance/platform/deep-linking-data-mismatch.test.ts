// Platform Deep Linking return URL, negative case. DL-054: the request's `data` not echoed exactly (changed, or left out).
// Answered 400 with the code, never accepted, never a 500.
import { it } from 'node:test';
import { DL_CLAIM } from 'ltikit/vocab';
import { assertRejectedWith } from '../support/assertions.js';
import { createDeepLinkingPlatformHarness } from '../support/deep_linking_harness.js';

it('Deep Linking response: data mismatch is refused with ERR_LTI_DL_DATA_MISMATCH', async () => {
  const harness = await createDeepLinkingPlatformHarness();
  const issued = await harness.issue();
  for (const data of ['course-8893483-module-3', undefined]) {
    const { response } = await harness.respond(issued, { [DL_CLAIM.data]: data });
    await assertRejectedWith(response, 'ERR_LTI_DL_DATA_MISMATCH');
  }
});
