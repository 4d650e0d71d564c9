// Platform Deep Linking return URL, negative case. DL-051, DL-054: another registered tool, signing with its own key, answers this tool's request.
// Answered 400 with the code, never accepted, never a 500.
import { it } from 'node:test';
import { LTI_CLAIM } from 'ltikit/vocab';
import { assertRejectedWith } from '../support/assertions.js';
import { createDeepLinkingPlatformHarness } from '../support/deep_linking_harness.js';

it('Deep Linking response: session other tool is refused with ERR_LTI_DL_SESSION_CLIENT_MISMATCH', async () => {
  const harness = await createDeepLinkingPlatformHarness();
  const issued = await harness.issue();
  const { response } = await harness.respond(issued, { iss: 'imstester_other', [LTI_CLAIM.deploymentId]: 'otherdeploy' }, { key: harness.otherKey });
  await assertRejectedWith(response, 'ERR_LTI_DL_SESSION_CLIENT_MISMATCH');
});
