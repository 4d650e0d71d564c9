// CERT-T-13 · "Launch Instructor with Short Role Value" (certification.md §1): roles ["Instructor"], the deprecated short name. It is
// normalized to membership#Instructor (ROLE-004).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CONTEXT_ROLE, isInstructor } from 'ltikit/vocab';
import { assertLaunchedWithRoles } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('CERT-T-13 Launch Instructor with Short Role Value: accepted', async () => {
  const harness = await createToolHarness();
  const launch = await assertLaunchedWithRoles(harness, 'instructor', ['Instructor'], [CONTEXT_ROLE.Instructor]);
  assert.equal(isInstructor(launch.roles), true);
});
