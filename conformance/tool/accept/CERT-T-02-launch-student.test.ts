// CERT-T-02 · "Launch LTI 1.3 Message as Student" (certification.md §1): the baseline itself,
// roles [membership#Learner]. The tool completes the launch and sees a learner.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CONTEXT_ROLE, CONTEXT_TYPE, isInstructor, isLearner } from 'ltikit/vocab';
import { assertLaunched } from '../../support/assertions.js';
import { createToolHarness, DEPLOYMENT_ID, STUDENT_SUB } from '../../support/tool_harness.js';

it('CERT-T-02 Launch LTI 1.3 Message as Student: accepted as a learner', async () => {
  const harness = await createToolHarness();
  const { response } = await harness.launch('student');
  await assertLaunched(response);

  const launch = harness.lastLaunch();
  assert.equal(launch.messageType, 'LtiResourceLinkRequest');
  assert.equal(launch.deploymentId, DEPLOYMENT_ID);
  assert.equal(launch.userId, STUDENT_SUB);
  assert.deepEqual(launch.roles, [CONTEXT_ROLE.Learner]);
  assert.deepEqual(launch.contextRoles, [CONTEXT_ROLE.Learner]);
  assert.equal(isLearner(launch.roles), true);
  assert.equal(isInstructor(launch.roles), false);
  assert.deepEqual(launch.person, {
    name: 'Carrie A Lowell',
    givenName: 'Carrie',
    familyName: 'Lowell',
    middleName: 'A',
    email: 'c.lowell@district1.com',
    locale: 'en-US',
  });
  assert.deepEqual(launch.context, { id: '8893483', label: 'Biology 102', title: 'Bio Adventures', type: [CONTEXT_TYPE.CourseSection] });
  assert.deepEqual(launch.resourceLink, {
    id: '3622bed7314b4f9c8f0e533e158ff797',
    title: 'Introduction Assignment',
    description: 'This is the introduction assignment',
  });
});
