// CERT-T-04 · "Launch Student No PII" (certification.md §1, VAL-019): no `name`, `given_name`, `family_name`, `middle_name`, `email`.
// The tool must still complete the launch; the launch shows exactly the personal data that was sent.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CONTEXT_ROLE } from 'ltikit/vocab';
import { assertLaunched } from '../../support/assertions.js';
import { createToolHarness, STUDENT_SUB, NAME_CLAIMS } from '../../support/tool_harness.js';

it('CERT-T-04 Launch Student No PII: accepted, no personal data shown', async () => {
  const harness = await createToolHarness();
  const { response } = await harness.launch('student', (payload) => {
    for (const claim of NAME_CLAIMS) delete payload[claim];
    delete payload.email;
  });
  await assertLaunched(response);

  const launch = harness.lastLaunch();
  assert.equal(launch.userId, STUDENT_SUB);
  assert.deepEqual(launch.contextRoles, [CONTEXT_ROLE.Learner]);
  assert.deepEqual(launch.person, { locale: 'en-US' });
  assert.equal(launch.context?.id, '8893483');
  assert.equal(launch.resourceLink?.id, '3622bed7314b4f9c8f0e533e158ff797');
});
