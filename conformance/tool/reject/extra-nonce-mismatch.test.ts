// Extra negative case (certification.md §2, last paragraph), reused nonce, second form (VAL-011):
// an id_token issued for one login (nonce 1) that never reached the tool — intercepted, or taken
// from another browser — is posted with the state of another login (nonce 2). The nonce has not been
// used, but it is not the nonce this tool issued for that state: ERR_LTI_NONCE_MISMATCH.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { baselinePayload, createToolHarness } from '../../support/tool_harness.js';

it("an id_token carrying another login's nonce is refused with ERR_LTI_NONCE_MISMATCH", async () => {
  const harness = await createToolHarness();
  const first = await harness.login();
  const second = await harness.login();
  assert.notEqual(first.nonce, second.nonce);

  const tokenForFirst = await harness.sign(baselinePayload('student', first.nonce));
  const response = await harness.postLaunch({ idToken: tokenForFirst, state: second.state, cookie: second.cookie });
  await assertRejectedWith(response, 'ERR_LTI_NONCE_MISMATCH');
});
