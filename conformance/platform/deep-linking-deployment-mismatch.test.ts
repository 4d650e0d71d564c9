// Platform Deep Linking return URL, negative case. DL-053: a deployment of the tool, but not the one the request was sent for.
// Answered 400 with the code, never accepted, never a 500.
import { it } from 'node:test';
import { LTI_CLAIM } from 'ltikit/vocab';
import { assertRejectedWith } from '../support/assertions.js';
import { createDeepLinkingPlatformHarness } from '../support/deep_linking_harness.js';

it('Deep Linking response: deployment mismatch is refused with ERR_LTI_DL_DEPLOYMENT_MISMATCH', async () => {
  const harness = await createDeepLinkingPlatformHarness({ tool: { deploymentIds: ['testdeploy', 'testdeploy-2'] } });
  const issued = await harness.issue();
  const { response } = await harness.respond(issued, { [LTI_CLAIM.deploymentId]: 'testdeploy-2' });
  await assertRejectedWith(response, 'ERR_LTI_DL_DEPLOYMENT_MISMATCH');
});
