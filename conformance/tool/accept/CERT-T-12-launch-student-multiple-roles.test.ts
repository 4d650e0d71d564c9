// CERT-T-12 · "Launch Student with Multiple Role Values" (certification.md §1): roles [membership#Learner, institution/person#Student,
// institution/person#Mentor]. The context role is Learner; the institution Mentor role is not the
// context Mentor role (ROLE-006).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CONTEXT_ROLE, INSTITUTION_ROLE, isLearner, isMentor, LTI_CLAIM } from 'ltikit/vocab';
import { assertLaunched } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('CERT-T-12 Launch Student with Multiple Role Values: accepted', async () => {
  const harness = await createToolHarness();
  const roles = [CONTEXT_ROLE.Learner, INSTITUTION_ROLE.Student, INSTITUTION_ROLE.Mentor];
  const { response } = await harness.launch('student', (payload) => {
    payload[LTI_CLAIM.roles] = roles;
  });
  await assertLaunched(response);

  const launch = harness.lastLaunch();
  // ROLE-002/003: the roles are kept as sent, unknown and empty values included.
  assert.deepEqual(launch.roles, roles);
  assert.deepEqual(launch.contextRoles, [CONTEXT_ROLE.Learner]);
  assert.equal(isLearner(launch.roles), true);
  assert.equal(isMentor(launch.roles), false);
});
