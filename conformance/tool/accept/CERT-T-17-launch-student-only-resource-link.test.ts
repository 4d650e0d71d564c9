// CERT-T-17 · "Launch Student Only Resource Link" (certification.md §1, VAL-019): no personal data
// at all; the launch still has context, roles and resource_link. The tool completes it and shows
// nothing personal.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CONTEXT_ROLE } from 'ltikit/vocab';
import { assertLaunched } from '../../support/assertions.js';
import { createToolHarness, NAME_CLAIMS, STUDENT_SUB } from '../../support/tool_harness.js';

it('CERT-T-17 Launch Student Only Resource Link: accepted without personal data', async () => {
  const harness = await createToolHarness();
  const { response } = await harness.launch('student', (payload) => {
    for (const claim of NAME_CLAIMS) delete payload[claim];
    delete payload.email;
    delete payload.locale;
  });
  await assertLaunched(response);

  const launch = harness.lastLaunch();
  assert.equal(launch.userId, STUDENT_SUB);
  assert.deepEqual(launch.person, {});
  assert.deepEqual(launch.contextRoles, [CONTEXT_ROLE.Learner]);
  assert.equal(launch.context?.id, '8893483');
  assert.deepEqual(launch.resourceLink, {
    id: '3622bed7314b4f9c8f0e533e158ff797',
    title: 'Introduction Assignment',
    description: 'This is the introduction assignment',
  });
});
