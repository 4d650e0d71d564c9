// OA-006 (lti11.md §2): a launch under a consumer key the tool holds no secret for is refused with
// ERR_LTI11_CONSUMER_KEY_UNKNOWN.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { createLti11ToolHarness } from '../../support/lti11_harness.js';

it('refuses an unknown oauth_consumer_key with ERR_LTI11_CONSUMER_KEY_UNKNOWN', async () => {
  const harness = await createLti11ToolHarness();
  const body = await harness.signedLaunch({ consumerKey: 'imstester_unregistered', secret: 'whatever-secret' });
  await assertRejectedWith(await harness.post(body), 'ERR_LTI11_CONSUMER_KEY_UNKNOWN');
  assert.equal(harness.launches.length, 0);
});
