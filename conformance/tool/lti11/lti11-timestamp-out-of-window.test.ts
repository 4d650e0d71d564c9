// OA-005 (lti11.md §2): an `oauth_timestamp` more than the window (300 s by default) before or
// after now is refused with ERR_LTI11_TIMESTAMP_OUT_OF_WINDOW, however well signed.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { createLti11ToolHarness } from '../../support/lti11_harness.js';

for (const [name, offset] of [
  ['301 s old', -301],
  ['301 s ahead', 301],
] as const) {
  it(`refuses a timestamp ${name} with ERR_LTI11_TIMESTAMP_OUT_OF_WINDOW`, async () => {
    const harness = await createLti11ToolHarness();
    const body = await harness.signedLaunch({ timestamp: harness.clock.now() + offset });
    await assertRejectedWith(await harness.post(body), 'ERR_LTI11_TIMESTAMP_OUT_OF_WINDOW');
    assert.equal(harness.launches.length, 0);
  });
}
