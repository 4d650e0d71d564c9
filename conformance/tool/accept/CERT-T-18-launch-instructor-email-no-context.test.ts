// CERT-T-18 · "Launch Instructor With Email No Context" (certification.md §1): the `lti:context`
// claim is absent; an instructor with email only. PB files it under "invalid" but only asserts the
// exception type if one is thrown; AJ lists it as a launch — context is optional (§4.2, VAL-019),
// so the tool accepts it and the launch has no context.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CONTEXT_ROLE, LTI_CLAIM } from 'ltikit/vocab';
import { assertLaunched } from '../../support/assertions.js';
import { createToolHarness, INSTRUCTOR_SUB, NAME_CLAIMS } from '../../support/tool_harness.js';

it('CERT-T-18 Launch Instructor With Email No Context: accepted, no context', async () => {
  const harness = await createToolHarness();
  const { response } = await harness.launch('instructor', (payload) => {
    delete payload[LTI_CLAIM.context];
    for (const claim of NAME_CLAIMS) delete payload[claim];
  });
  await assertLaunched(response);

  const launch = harness.lastLaunch();
  assert.equal(launch.context, undefined);
  assert.equal(launch.claims[LTI_CLAIM.context], undefined);
  assert.equal(launch.userId, INSTRUCTOR_SUB);
  assert.deepEqual(launch.contextRoles, [CONTEXT_ROLE.Instructor]);
  assert.deepEqual(launch.person, { email: 'l.hutton@district1.com', locale: 'en-US' });
  assert.equal(launch.resourceLink?.id, '3622bed7314b4f9c8f0e533e158ff797');
});
