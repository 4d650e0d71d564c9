// Platform Deep Linking return URL, negative case. DL-060: an item URL with a `javascript:` or `data:` scheme, which a page could run.
// Answered 400 with the code, never accepted, never a 500.
import { it } from 'node:test';
import { DL_CLAIM } from 'ltikit/vocab';
import { assertRejectedWith } from '../support/assertions.js';
import { createDeepLinkingPlatformHarness } from '../support/deep_linking_harness.js';

it('Deep Linking response: item url javascript is refused with ERR_LTI_DL_CONTENT_ITEM_URL_INVALID', async () => {
  const harness = await createDeepLinkingPlatformHarness();
  const issued = await harness.issue();
  for (const url of ['javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>']) {
    const { response } = await harness.respond(issued, { [DL_CLAIM.contentItems]: [{ type: 'link', url }] });
    await assertRejectedWith(response, 'ERR_LTI_DL_CONTENT_ITEM_URL_INVALID');
  }
});
