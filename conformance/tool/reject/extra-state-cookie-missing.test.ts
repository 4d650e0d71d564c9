// Extra negative case (certification.md §2, last paragraph): `state` mismatch — the launch POST
// arrives without the state cookie set at login (VAL-002, OIDC-011). This is what a login CSRF looks
// like (the attacker's state posted from the victim's browser) and also what a browser blocking
// third-party cookies produces; either way the state is not bound to this browser.
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { baselinePayload, createToolHarness } from '../../support/tool_harness.js';

it('a launch without the state cookie is refused with ERR_LTI_STATE_MISMATCH', async () => {
  const harness = await createToolHarness();
  const login = await harness.login();
  const idToken = await harness.sign(baselinePayload('student', login.nonce));
  const response = await harness.postLaunch({ idToken, state: login.state });
  await assertRejectedWith(response, 'ERR_LTI_STATE_MISMATCH');
});
