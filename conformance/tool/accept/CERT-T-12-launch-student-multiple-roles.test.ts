// CERT-T-12 · "Launch Student with Multiple Role Values" (certification.md §1): roles [membership#Learner, institution/person#Student,
// institution/person#Mentor]. The context role is Learner; the institution Mentor role is not the
// context Mentor role (ROLE-006).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CONTEXT_ROLE, INSTITUTION_ROLE, isLearner, isMentor } from 'ltikit/vocab';
import { assertLaunchedWithRoles } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('CERT-T-12 Launch Student with Multiple Role Values: accepted', async () => {
  const harness = await createToolHarness();
  const launch = await assertLaunchedWithRoles(harness, 'student', [CONTEXT_ROLE.Learner, INSTITUTION_ROLE.Student, INSTITUTION_ROLE.Mentor], [CONTEXT_ROLE.Learner]);
  assert.equal(isLearner(launch.roles), true);
  assert.equal(isMentor(launch.roles), false);
});
