// CERT-T-01 · "Launch LTI 1.3 Message as Instructor" (certification.md §1): the baseline with
// roles [membership#Instructor]. The tool completes the launch and sees an instructor, with the
// personal data, context, resource link and service claims the validator sent.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { AGS_CLAIM, CONTEXT_ROLE, CONTEXT_TYPE, isInstructor, isLearner, NRPS_CLAIM } from 'ltikit/vocab';
import { assertLaunched } from '../../support/assertions.js';
import { CLIENT_ID, createToolHarness, DEPLOYMENT_ID, INSTRUCTOR_SUB, ISSUER, TARGET_LINK_URI } from '../../support/tool_harness.js';

it('CERT-T-01 Launch LTI 1.3 Message as Instructor: accepted as an instructor', async () => {
  const harness = await createToolHarness();
  const { response } = await harness.launch('instructor');
  await assertLaunched(response);

  const launch = harness.lastLaunch();
  assert.equal(launch.messageType, 'LtiResourceLinkRequest');
  assert.equal(launch.issuer, ISSUER);
  assert.equal(launch.clientId, CLIENT_ID);
  assert.equal(launch.deploymentId, DEPLOYMENT_ID);
  assert.equal(launch.targetLinkUri, TARGET_LINK_URI);
  assert.equal(launch.userId, INSTRUCTOR_SUB);
  assert.deepEqual(launch.roles, [CONTEXT_ROLE.Instructor]);
  assert.deepEqual(launch.contextRoles, [CONTEXT_ROLE.Instructor]);
  assert.equal(isInstructor(launch.roles), true);
  assert.equal(isLearner(launch.roles), false);
  assert.deepEqual(launch.person, {
    name: 'Lauren Colleen Hutton',
    givenName: 'Lauren',
    familyName: 'Hutton',
    middleName: 'Colleen',
    email: 'l.hutton@district1.com',
    locale: 'en-US',
  });
  assert.deepEqual(launch.context, { id: '8893483', label: 'Biology 102', title: 'Bio Adventures', type: [CONTEXT_TYPE.CourseSection] });
  assert.equal(launch.resourceLink?.id, '3622bed7314b4f9c8f0e533e158ff797');
  assert.equal(launch.resourceLink?.title, 'Introduction Assignment');
  assert.ok(launch.claims[NRPS_CLAIM.namesRoleService], 'the NRPS claim is passed through');
  assert.ok(launch.claims[AGS_CLAIM.endpoint], 'the AGS claim is passed through');
});
