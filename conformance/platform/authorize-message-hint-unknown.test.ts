// Platform authorization endpoint (OIDC-020, OIDC-024): an `lti_message_hint` the platform never
// issued (OIDC-023, CORE-023).
// The redirect URI is registered, so the failure is posted back to it with `error`,
// `error_description` (naming the code) and the tool's `state`.
import { it } from 'node:test';
import { assertErrorPostedBack, createPlatformHarness, launchRequest } from '../support/platform_harness.js';

it('lti_message_hint never issued is posted back as invalid_request with ERR_LTI_AUTH_MESSAGE_HINT_INVALID', async () => {
  const harness = await createPlatformHarness();
  const initiation = await harness.createLaunch(launchRequest('learner'));
  const response = await harness.authorize({ ...harness.authenticationRequest(initiation), lti_message_hint: 'forged-message-hint' });
  await assertErrorPostedBack(response, { code: 'ERR_LTI_AUTH_MESSAGE_HINT_INVALID', error: 'invalid_request' });
});
