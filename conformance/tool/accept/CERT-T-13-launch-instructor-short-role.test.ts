// CERT-T-13 · "Launch Instructor with Short Role Value" (certification.md §1): roles ["Instructor"], the deprecated short name. It is
// normalized to membership#Instructor (ROLE-004).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CONTEXT_ROLE, isInstructor, LTI_CLAIM } from 'ltikit/vocab';
import { assertLaunched } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('CERT-T-13 Launch Instructor with Short Role Value: accepted', async () => {
  const harness = await createToolHarness();
  const roles = ['Instructor'];
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
