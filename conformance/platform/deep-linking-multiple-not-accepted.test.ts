// Platform Deep Linking return URL, negative case. DL-012, DL-055: two items when the request did not set `accept_multiple`.
// Answered 400 with the code, never accepted, never a 500.
import { it } from 'node:test';
import { DL_CLAIM } from 'ltikit/vocab';
import { assertRejectedWith } from '../support/assertions.js';
import { createDeepLinkingPlatformHarness, deepLinkingRequest, platformOffer } from '../support/deep_linking_harness.js';

it('Deep Linking response: multiple not accepted is refused with ERR_LTI_DL_MULTIPLE_NOT_ACCEPTED', async () => {
  const harness = await createDeepLinkingPlatformHarness();
  const issued = await harness.issue(deepLinkingRequest({ deepLinking: platformOffer({ accept_multiple: undefined }) }));
  const items = [
    { type: 'ltiResourceLink', title: 'One' },
    { type: 'ltiResourceLink', title: 'Two' },
  ];
  const { response } = await harness.respond(issued, { [DL_CLAIM.contentItems]: items });
  await assertRejectedWith(response, 'ERR_LTI_DL_MULTIPLE_NOT_ACCEPTED');
});
