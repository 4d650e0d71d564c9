// Platform Deep Linking return URL, negative case. DL-053: a `message_type` other than `LtiDeepLinkingResponse` (the request's, or none).
// Answered 400 with the code, never accepted, never a 500.
import { it } from 'node:test';
import { LTI_CLAIM } from 'ltikit/vocab';
import { assertRejectedWith } from '../support/assertions.js';
import { createDeepLinkingPlatformHarness } from '../support/deep_linking_harness.js';

it('Deep Linking response: message type invalid is refused with ERR_LTI_DL_MESSAGE_TYPE_INVALID', async () => {
  const harness = await createDeepLinkingPlatformHarness();
  const issued = await harness.issue();
  for (const messageType of ['LtiDeepLinkingRequest', undefined]) {
    const { response } = await harness.respond(issued, { [LTI_CLAIM.messageType]: messageType });
    await assertRejectedWith(response, 'ERR_LTI_DL_MESSAGE_TYPE_INVALID');
  }
});
