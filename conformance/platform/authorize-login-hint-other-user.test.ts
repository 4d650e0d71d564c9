// Platform authorization endpoint (OIDC-023): the `login_hint` names another user than the one the
// launch (its message hint) was issued for — e.g. a tool, or an attacker, swapping the hint to obtain
// an id_token for the instructor from a learner's launch.
import { it } from 'node:test';
import { assertErrorPostedBack, createPlatformHarness, INSTRUCTOR_ID, launchRequest } from '../support/platform_harness.js';

it("a login_hint of another user is posted back as login_required with ERR_LTI_AUTH_LOGIN_HINT_MISMATCH", async () => {
  const harness = await createPlatformHarness();
  const initiation = await harness.createLaunch(launchRequest('learner'));
  const response = await harness.authorize({ ...harness.authenticationRequest(initiation), login_hint: INSTRUCTOR_ID });
  await assertErrorPostedBack(response, { code: 'ERR_LTI_AUTH_LOGIN_HINT_MISMATCH', error: 'login_required' });
});
