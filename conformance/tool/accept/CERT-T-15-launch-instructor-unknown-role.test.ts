// CERT-T-15 · "Launch Instructor with Unknown Role" (certification.md §1): roles [".../lis/v2/unknown/unknown#Helper"]. An unknown
// role never fails a launch (ROLE-002) and grants no context role.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isInstructor, LTI_CLAIM } from 'ltikit/vocab';
import { assertLaunched } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('CERT-T-15 Launch Instructor with Unknown Role: accepted', async () => {
  const harness = await createToolHarness();
  const roles = ['http://purl.imsglobal.org/vocab/lis/v2/unknown/unknown#Helper'];
  const { response } = await harness.launch('instructor', (payload) => {
    payload[LTI_CLAIM.roles] = roles;
  });
  await assertLaunched(response);

  const launch = harness.lastLaunch();
  // ROLE-002/003: the roles are kept as sent, unknown and empty values included.
  assert.deepEqual(launch.roles, roles);
  assert.deepEqual(launch.contextRoles, []);
  assert.equal(isInstructor(launch.roles), false);
});
