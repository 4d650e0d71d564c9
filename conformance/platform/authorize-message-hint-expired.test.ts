// Platform authorization endpoint (OIDC-023, CORE-023): an `lti_message_hint` presented after its
// lifetime (300 s by default) is no longer valid.
import { it } from 'node:test';
import { assertErrorPostedBack, createPlatformHarness, launchRequest } from '../support/platform_harness.js';

it('an expired message hint is posted back as invalid_request with ERR_LTI_AUTH_MESSAGE_HINT_INVALID', async () => {
  const harness = await createPlatformHarness();
  const request = harness.authenticationRequest(await harness.createLaunch(launchRequest('learner')));
  harness.clock.advance(301);
  const response = await harness.authorize(request);
  await assertErrorPostedBack(response, { code: 'ERR_LTI_AUTH_MESSAGE_HINT_INVALID', error: 'invalid_request' });
});
