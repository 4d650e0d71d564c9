// Platform Deep Linking return URL, negative case. DL-054: a second, freshly signed response to a request already answered (or never issued).
// Answered 400 with the code, never accepted, never a 500.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertRejectedWith } from '../support/assertions.js';
import { createDeepLinkingPlatformHarness } from '../support/deep_linking_harness.js';

it('Deep Linking response: request answered twice is refused with ERR_LTI_DL_SESSION_UNKNOWN', async () => {
  const harness = await createDeepLinkingPlatformHarness();
  const issued = await harness.issue();
  assert.equal((await harness.respond(issued)).response.status, 200);
  await assertRejectedWith((await harness.respond(issued)).response, 'ERR_LTI_DL_SESSION_UNKNOWN');
  const neverIssued = { ...issued, returnUrl: 'https://lms.example.edu/lti/deep-linking/return?launch=never-issued' };
  await assertRejectedWith((await harness.respond(neverIssued)).response, 'ERR_LTI_DL_SESSION_UNKNOWN');
});
