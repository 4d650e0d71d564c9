// CERT-T-09 · "Launch Instructor With No Role" (certification.md §1): roles `[""]`. VAL-015: the claim is present (with one empty value), so the launch is valid;
// the empty value grants no context role (ROLE-003).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isInstructor, isLearner, LTI_CLAIM } from 'ltikit/vocab';
import { assertLaunched } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('CERT-T-09 Launch Instructor With No Role: accepted', async () => {
  const harness = await createToolHarness();
  const roles = [''];
  const { response } = await harness.launch('instructor', (payload) => {
    payload[LTI_CLAIM.roles] = roles;
  });
  await assertLaunched(response);

  const launch = harness.lastLaunch();
  // ROLE-002/003: the roles are kept as sent, unknown and empty values included.
  assert.deepEqual(launch.roles, roles);
  assert.deepEqual(launch.contextRoles, []);
  assert.equal(isInstructor(launch.roles), false);
  assert.equal(isLearner(launch.roles), false);
});
