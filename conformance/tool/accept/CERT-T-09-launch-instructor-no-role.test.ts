// CERT-T-09 · "Launch Instructor With No Role" (certification.md §1): roles `[""]`. VAL-015: the claim is present (with one empty value), so the launch is valid;
// the empty value grants no context role (ROLE-003).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isInstructor, isLearner } from 'ltikit/vocab';
import { assertLaunchedWithRoles } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('CERT-T-09 Launch Instructor With No Role: accepted', async () => {
  const harness = await createToolHarness();
  const launch = await assertLaunchedWithRoles(harness, 'instructor', [''], []);
  assert.equal(isInstructor(launch.roles), false);
  assert.equal(isLearner(launch.roles), false);
});
