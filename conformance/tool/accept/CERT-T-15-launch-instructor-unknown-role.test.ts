// CERT-T-15 · "Launch Instructor with Unknown Role" (certification.md §1): roles [".../lis/v2/unknown/unknown#Helper"]. An unknown
// role never fails a launch (ROLE-002) and grants no context role.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isInstructor } from 'ltikit/vocab';
import { assertLaunchedWithRoles } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('CERT-T-15 Launch Instructor with Unknown Role: accepted', async () => {
  const harness = await createToolHarness();
  const launch = await assertLaunchedWithRoles(harness, 'instructor', ['http://purl.imsglobal.org/vocab/lis/v2/unknown/unknown#Helper'], []);
  assert.equal(isInstructor(launch.roles), false);
});
