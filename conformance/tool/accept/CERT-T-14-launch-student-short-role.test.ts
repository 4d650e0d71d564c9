// CERT-T-14 · "Launch Student with Short Role Value" (certification.md §1): roles ["Learner"], the deprecated short name. It is
// normalized to membership#Learner (ROLE-004).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CONTEXT_ROLE, isLearner, LTI_CLAIM } from 'ltikit/vocab';
import { assertLaunched } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('CERT-T-14 Launch Student with Short Role Value: accepted', async () => {
  const harness = await createToolHarness();
  const roles = ['Learner'];
  const { response } = await harness.launch('student', (payload) => {
    payload[LTI_CLAIM.roles] = roles;
  });
  await assertLaunched(response);

  const launch = harness.lastLaunch();
  // ROLE-002/003: the roles are kept as sent, unknown and empty values included.
  assert.deepEqual(launch.roles, roles);
  assert.deepEqual(launch.contextRoles, [CONTEXT_ROLE.Learner]);
  assert.equal(isLearner(launch.roles), true);
});
