// CERT-T-14 · "Launch Student with Short Role Value" (certification.md §1): roles ["Learner"], the deprecated short name. It is
// normalized to membership#Learner (ROLE-004).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CONTEXT_ROLE, isLearner } from 'ltikit/vocab';
import { assertLaunchedWithRoles } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('CERT-T-14 Launch Student with Short Role Value: accepted', async () => {
  const harness = await createToolHarness();
  const launch = await assertLaunchedWithRoles(harness, 'student', ['Learner'], [CONTEXT_ROLE.Learner]);
  assert.equal(isLearner(launch.roles), true);
});
