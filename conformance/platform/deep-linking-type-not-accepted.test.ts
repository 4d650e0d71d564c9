// Platform Deep Linking return URL, negative case. DL-040, DL-055: an item of a type the request did not offer (`image` when only `ltiResourceLink` was).
// Answered 400 with the code, never accepted, never a 500.
import { it } from 'node:test';
import { DL_CLAIM } from 'ltikit/vocab';
import { assertRejectedWith } from '../support/assertions.js';
import { createDeepLinkingPlatformHarness, deepLinkingRequest, platformOffer } from '../support/deep_linking_harness.js';

it('Deep Linking response: type not accepted is refused with ERR_LTI_DL_CONTENT_ITEM_TYPE_NOT_ACCEPTED', async () => {
  const harness = await createDeepLinkingPlatformHarness();
  const issued = await harness.issue(deepLinkingRequest({ deepLinking: platformOffer({ accept_types: ['ltiResourceLink'] }) }));
  const { response } = await harness.respond(issued, { [DL_CLAIM.contentItems]: [{ type: 'image', url: 'https://tool.example.com/i.png' }] });
  await assertRejectedWith(response, 'ERR_LTI_DL_CONTENT_ITEM_TYPE_NOT_ACCEPTED');
});
