// OA-004 (lti11.md §2): a launch signed with another secret, or one whose signed parameter was
// changed on the way (a learner turned instructor), is refused with ERR_LTI11_SIGNATURE_INVALID
// before anything in it is trusted (L11-004).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { createLti11ToolHarness } from '../../support/lti11_harness.js';

it('refuses a launch signed with another secret with ERR_LTI11_SIGNATURE_INVALID', async () => {
  const harness = await createLti11ToolHarness();
  await assertRejectedWith(await harness.post(await harness.signedLaunch({ secret: 'not-the-shared-secret' })), 'ERR_LTI11_SIGNATURE_INVALID');
  assert.equal(harness.launches.length, 0);
});

it('refuses a launch whose `roles` was changed after signing with ERR_LTI11_SIGNATURE_INVALID', async () => {
  const harness = await createLti11ToolHarness();
  const body = await harness.signedLaunch();
  assert.match(body, /roles=Learner/);
  await assertRejectedWith(await harness.post(body.replace('roles=Learner', 'roles=Instructor')), 'ERR_LTI11_SIGNATURE_INVALID');
  assert.equal(harness.launches.length, 0);
});
