// Extra negative case (certification.md §2, last paragraph): `state` mismatch — the browser holds a
// state cookie, but for another value (VAL-002, OIDC-011).
// 1. Login CSRF: the attacker completes a login of their own and makes the victim's browser post the
//    attacker's state and id_token; the victim's browser only holds the cookie of its own login.
// 2. A cookie under the right name carrying another value (a planted or stale cookie).
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { baselinePayload, createToolHarness } from '../../support/tool_harness.js';

it("the attacker's state posted with the victim's cookie is refused with ERR_LTI_STATE_MISMATCH", async () => {
  const harness = await createToolHarness();
  const victim = await harness.login();
  const attacker = await harness.login();
  const idToken = await harness.sign(baselinePayload('student', attacker.nonce));
  const response = await harness.postLaunch({ idToken, state: attacker.state, cookie: victim.cookie });
  await assertRejectedWith(response, 'ERR_LTI_STATE_MISMATCH');
});

it('a state cookie with another value is refused with ERR_LTI_STATE_MISMATCH', async () => {
  const harness = await createToolHarness();
  const login = await harness.login();
  const idToken = await harness.sign(baselinePayload('student', login.nonce));
  const cookieName = login.cookie.split('=')[0]!;
  const response = await harness.postLaunch({ idToken, state: login.state, cookie: `${cookieName}=${login.state}x` });
  await assertRejectedWith(response, 'ERR_LTI_STATE_MISMATCH');
});
