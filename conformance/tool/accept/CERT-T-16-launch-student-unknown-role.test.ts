// CERT-T-16 · "Launch Student with Unknown Role" (certification.md §1): roles [membership#Learner, ".../lis/v2/uknownrole/unknown#Unknown"]
// (the validator's spelling). The unknown role is ignored (ROLE-002); the learner role stands.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CONTEXT_ROLE, isLearner, LTI_CLAIM } from 'ltikit/vocab';
import { assertLaunched } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('CERT-T-16 Launch Student with Unknown Role: accepted', async () => {
  const harness = await createToolHarness();
  const roles = [CONTEXT_ROLE.Learner, 'http://purl.imsglobal.org/vocab/lis/v2/uknownrole/unknown#Unknown'];
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
