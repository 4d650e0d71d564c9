// OA-005 (lti11.md §2): a signed launch is accepted once. The same form posted again — or a fresh
// launch reusing its `oauth_nonce` under the same consumer key — is refused with
// ERR_LTI11_NONCE_REPLAYED.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertLaunched, assertRejectedWith } from '../../support/assertions.js';
import { createLti11ToolHarness } from '../../support/lti11_harness.js';

it('accepts a launch once, then refuses its replay with ERR_LTI11_NONCE_REPLAYED', async () => {
  const harness = await createLti11ToolHarness();
  const body = await harness.signedLaunch({ nonce: 'once-only-3fa9' });
  await assertLaunched(await harness.post(body));
  await assertRejectedWith(await harness.post(body), 'ERR_LTI11_NONCE_REPLAYED');
  harness.clock.advance(5);
  await assertRejectedWith(await harness.post(await harness.signedLaunch({ nonce: 'once-only-3fa9' })), 'ERR_LTI11_NONCE_REPLAYED');
  assert.equal(harness.launches.length, 1);
});
