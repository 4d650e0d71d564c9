// Extra negative case (certification.md §2, last paragraph): reused `nonce` (VAL-011).
//
// How a nonce gets reused realistically. The `state` is single-use and spent by the first accepted
// launch, so re-sending a whole captured launch POST fails on the state first
// (ERR_LTI_STATE_UNKNOWN, see extra-launch-post-replayed). The attack that reaches the nonce check:
// an attacker who captured an id_token the tool has already accepted starts a login of their own
// (fresh state, fresh cookie, fresh nonce) and posts the captured token with that state. The
// signature, issuer, audience and times are all fine; the nonce is not the one issued with the
// attacker's state, so the tool refuses with ERR_LTI_NONCE_MISMATCH. The nonce is compared before it
// is recorded as used, so such a post can never burn a nonce that is still in flight for its
// rightful user. ERR_LTI_NONCE_REPLAYED (the used-nonce record) is the defence when a store hands
// one state out twice; the unit tests of validate_launch cover it.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('a captured, already used id_token posted with a fresh state is refused with ERR_LTI_NONCE_MISMATCH', async () => {
  const harness = await createToolHarness();
  const victim = await harness.launch('student');
  assert.equal(victim.response.status, 200);

  harness.clock.advance(30);
  const attacker = await harness.login();
  const response = await harness.postLaunch({ idToken: victim.idToken, state: attacker.state, cookie: attacker.cookie });
  await assertRejectedWith(response, 'ERR_LTI_NONCE_MISMATCH');
  assert.equal(harness.launches.length, 1);
});
