// CERT-T-16 · "Launch Student with Unknown Role" (certification.md §1): roles [membership#Learner, ".../lis/v2/uknownrole/unknown#Unknown"]
// (the validator's spelling). The unknown role is ignored (ROLE-002); the learner role stands.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CONTEXT_ROLE, isLearner } from 'ltikit/vocab';
import { assertLaunchedWithRoles } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('CERT-T-16 Launch Student with Unknown Role: accepted', async () => {
  const harness = await createToolHarness();
  const launch = await assertLaunchedWithRoles(harness, 'student', [CONTEXT_ROLE.Learner, 'http://purl.imsglobal.org/vocab/lis/v2/uknownrole/unknown#Unknown'], [CONTEXT_ROLE.Learner]);
  assert.equal(isLearner(launch.roles), true);
});
