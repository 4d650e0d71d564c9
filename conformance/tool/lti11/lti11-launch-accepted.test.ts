// L11-001, OA-001..OA-004 (lti11.md §1, §2): the validator's basic launch, signed with HMAC-SHA1 over
// the tool's launch URL, is accepted and read from the signed parameters — the control case the
// refusals below bend one thing of.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CONTEXT_ROLE } from 'ltikit';
import { assertLaunched } from '../../support/assertions.js';
import { CONSUMER_KEY, LEARNER_ID, createLti11ToolHarness } from '../../support/lti11_harness.js';

it('accepts a signed basic launch: 200, consumer key, user, link and roles as sent', async () => {
  const harness = await createLti11ToolHarness();
  await assertLaunched(await harness.post(await harness.signedLaunch()));
  const [launch] = harness.launches;
  assert.equal(launch?.consumerKey, CONSUMER_KEY);
  assert.equal(launch?.userId, LEARNER_ID);
  assert.equal(launch?.resourceLinkId, '3622bed7314b4f9c8f0e533e158ff797');
  assert.equal(launch?.contextId, '8893483');
  assert.deepEqual(launch?.lti13Roles, [CONTEXT_ROLE.Learner]);
});
