// Platform Deep Linking return URL, negative case. DL-053: a `deployment_id` that is not the tool's (another tool's), or none.
// Answered 400 with the code, never accepted, never a 500.
import { it } from 'node:test';
import { LTI_CLAIM } from 'ltikit/vocab';
import { assertRejectedWith } from '../support/assertions.js';
import { createDeepLinkingPlatformHarness } from '../support/deep_linking_harness.js';

it('Deep Linking response: deployment unknown is refused with ERR_LTI_DL_DEPLOYMENT_UNKNOWN', async () => {
  const harness = await createDeepLinkingPlatformHarness();
  const issued = await harness.issue();
  for (const deploymentId of ['otherdeploy', undefined]) {
    const { response } = await harness.respond(issued, { [LTI_CLAIM.deploymentId]: deploymentId });
    await assertRejectedWith(response, 'ERR_LTI_DL_DEPLOYMENT_UNKNOWN');
  }
});
