// CERT-T-11 · "Launch Instructor with Multiple Role Values" (certification.md §1): roles [membership#Instructor, institution/person#Staff,
// institution/person#Other]. The context role is Instructor; institution roles are kept in `roles` but
// grant no context role (ROLE-006).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CONTEXT_ROLE, INSTITUTION_ROLE, isInstructor, LTI_CLAIM } from 'ltikit/vocab';
import { assertLaunched } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('CERT-T-11 Launch Instructor with Multiple Role Values: accepted', async () => {
  const harness = await createToolHarness();
  const roles = [CONTEXT_ROLE.Instructor, INSTITUTION_ROLE.Staff, INSTITUTION_ROLE.Other];
  const { response } = await harness.launch('instructor', (payload) => {
    payload[LTI_CLAIM.roles] = roles;
  });
  await assertLaunched(response);

  const launch = harness.lastLaunch();
  // ROLE-002/003: the roles are kept as sent, unknown and empty values included.
  assert.deepEqual(launch.roles, roles);
  assert.deepEqual(launch.contextRoles, [CONTEXT_ROLE.Instructor]);
  assert.equal(isInstructor(launch.roles), true);
});
