// Extra negative case (certification.md §2, last paragraph), `state` never issued or expired
// (VAL-002, OIDC-012): a forged state with a matching cookie (the attacker controls both), and a
// real state posted after its lifetime (600 s by default). Both are unknown to the tool's store:
// ERR_LTI_STATE_UNKNOWN.
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { baselinePayload, createToolHarness } from '../../support/tool_harness.js';

it('a forged state with a matching cookie is refused with ERR_LTI_STATE_UNKNOWN', async () => {
  const harness = await createToolHarness();
  const forged = 'forged-state-value-0123456789abcdef';
  const idToken = await harness.sign(baselinePayload('student', 'forged-nonce'));
  const response = await harness.postLaunch({ idToken, state: forged, cookie: `__Host-ltikit_state_${forged.slice(0, 16)}=${forged}` });
  await assertRejectedWith(response, 'ERR_LTI_STATE_UNKNOWN');
});

it('a state posted after its lifetime is refused with ERR_LTI_STATE_UNKNOWN', async () => {
  const harness = await createToolHarness();
  const login = await harness.login();
  harness.clock.advance(601);
  const idToken = await harness.sign(baselinePayload('student', login.nonce, harness.clock.now()));
  const response = await harness.postLaunch({ idToken, state: login.state, cookie: login.cookie });
  await assertRejectedWith(response, 'ERR_LTI_STATE_UNKNOWN');
});
