// Platform authorization endpoint (OIDC-023): the `currentUser` option says another user is signed in
// to the platform in this browser than the one the launch was issued for (a launch URL opened in
// someone else's session). No id_token is issued.
import { it } from 'node:test';
import { assertErrorPostedBack, createPlatformHarness, INSTRUCTOR_ID, launchRequest } from '../support/platform_harness.js';

it('a different signed-in user is posted back as login_required with ERR_LTI_AUTH_USER_MISMATCH', async () => {
  const harness = await createPlatformHarness({ currentUser: () => INSTRUCTOR_ID });
  const initiation = await harness.createLaunch(launchRequest('learner'));
  const response = await harness.authorize(harness.authenticationRequest(initiation));
  await assertErrorPostedBack(response, { code: 'ERR_LTI_AUTH_USER_MISMATCH', error: 'login_required' });
});

it('nobody signed in is posted back as login_required with ERR_LTI_AUTH_USER_MISMATCH', async () => {
  const harness = await createPlatformHarness({ currentUser: () => undefined });
  const initiation = await harness.createLaunch(launchRequest('learner'));
  const response = await harness.authorize(harness.authenticationRequest(initiation));
  await assertErrorPostedBack(response, { code: 'ERR_LTI_AUTH_USER_MISMATCH', error: 'login_required' });
});
