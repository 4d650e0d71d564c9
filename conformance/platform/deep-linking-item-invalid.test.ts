// Platform Deep Linking return URL, negative case. deep-linking.md §3: an item without a required member (`link` without `url`; `lineItem` without a positive `scoreMaximum`).
// Answered 400 with the code, never accepted, never a 500.
import { it } from 'node:test';
import { DL_CLAIM } from 'ltikit/vocab';
import { assertRejectedWith } from '../support/assertions.js';
import { createDeepLinkingPlatformHarness } from '../support/deep_linking_harness.js';

it('Deep Linking response: item invalid is refused with ERR_LTI_DL_CONTENT_ITEM_INVALID', async () => {
  const harness = await createDeepLinkingPlatformHarness();
  const issued = await harness.issue();
  for (const item of [{ type: 'link' }, { type: 'ltiResourceLink', lineItem: { label: 'No maximum' } }]) {
    const { response } = await harness.respond(issued, { [DL_CLAIM.contentItems]: [item] });
    await assertRejectedWith(response, 'ERR_LTI_DL_CONTENT_ITEM_INVALID');
  }
});
