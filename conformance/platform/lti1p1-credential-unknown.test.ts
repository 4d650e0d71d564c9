// MIG-001 (lti11.md §5) · a tool registered with an LTI 1.1 consumer key the platform does not hold:
// `createLaunch` refuses with ERR_LTI_LTI1P1_CREDENTIAL_UNKNOWN (a configuration error, 500) instead
// of sending a claim no tool could verify.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { LtiError } from 'ltikit/errors';
import { createPlatformHarness, launchRequest } from '../support/platform_harness.js';

it('MIG-001 createLaunch refuses a registration naming an unknown 1.1 key with ERR_LTI_LTI1P1_CREDENTIAL_UNKNOWN', async () => {
  const harness = await createPlatformHarness({ tool: { lti11ConsumerKey: 'ck-not-here' } });
  await assert.rejects(harness.createLaunch(launchRequest('learner')), (error: unknown) => {
    assert.ok(error instanceof LtiError);
    assert.equal(error.code, 'ERR_LTI_LTI1P1_CREDENTIAL_UNKNOWN');
    assert.equal(error.status, 500);
    return true;
  });
});
