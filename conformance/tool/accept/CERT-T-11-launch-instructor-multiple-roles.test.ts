// CERT-T-11 · "Launch Instructor with Multiple Role Values" (certification.md §1): roles [membership#Instructor, institution/person#Staff,
// institution/person#Other]. The context role is Instructor; institution roles are kept in `roles` but
// grant no context role (ROLE-006).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CONTEXT_ROLE, INSTITUTION_ROLE, isInstructor } from 'ltikit/vocab';
import { assertLaunchedWithRoles } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('CERT-T-11 Launch Instructor with Multiple Role Values: accepted', async () => {
  const harness = await createToolHarness();
  const launch = await assertLaunchedWithRoles(harness, 'instructor', [CONTEXT_ROLE.Instructor, INSTITUTION_ROLE.Staff, INSTITUTION_ROLE.Other], [CONTEXT_ROLE.Instructor]);
  assert.equal(isInstructor(launch.roles), true);
});
