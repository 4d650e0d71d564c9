// CERT-T-07 · "Launch Instructor Only Names" (certification.md §1, VAL-019): `email` removed, the name claims kept.
// The tool must still complete the launch; the launch shows exactly the personal data that was sent.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CONTEXT_ROLE } from 'ltikit/vocab';
import { assertLaunched } from '../../support/assertions.js';
import { createToolHarness, INSTRUCTOR_SUB } from '../../support/tool_harness.js';

it('CERT-T-07 Launch Instructor Only Names: accepted, only the names shown', async () => {
  const harness = await createToolHarness();
  const { response } = await harness.launch('instructor', (payload) => {
    delete payload.email;
  });
  await assertLaunched(response);

  const launch = harness.lastLaunch();
  assert.equal(launch.userId, INSTRUCTOR_SUB);
  assert.deepEqual(launch.contextRoles, [CONTEXT_ROLE.Instructor]);
  assert.deepEqual(launch.person, { name: 'Lauren Colleen Hutton', givenName: 'Lauren', familyName: 'Hutton', middleName: 'Colleen', locale: 'en-US' });
  assert.equal(launch.context?.id, '8893483');
  assert.equal(launch.resourceLink?.id, '3622bed7314b4f9c8f0e533e158ff797');
});
