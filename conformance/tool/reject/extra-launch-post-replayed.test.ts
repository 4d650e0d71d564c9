// Extra negative case (certification.md §2, last paragraph), reused nonce, third form: the whole
// launch POST (id_token, state and the state cookie) is submitted a second time. The state is
// single-use (VAL-021, OIDC-012) and is spent by the first accepted launch, so the replay is refused
// on the state, not the nonce: ERR_LTI_STATE_UNKNOWN.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('the same launch POST sent twice is refused with ERR_LTI_STATE_UNKNOWN', async () => {
  const harness = await createToolHarness();
  const first = await harness.launch('student');
  assert.equal(first.response.status, 200);
  // VAL-021: the accepted launch clears the state cookie; an attacker holding the POST re-sends it anyway.
  assert.ok(first.response.headers.getSetCookie().some((cookie) => cookie.startsWith(`${first.login.cookie.split('=')[0]}=;`)));

  const replay = await harness.postLaunch({ idToken: first.idToken, state: first.login.state, cookie: first.login.cookie });
  await assertRejectedWith(replay, 'ERR_LTI_STATE_UNKNOWN');
  assert.equal(harness.launches.length, 1);
});
