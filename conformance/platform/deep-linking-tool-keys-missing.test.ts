// Platform Deep Linking return URL, negative case. DL-051: the tool was registered without a JWKS URL or public key, so nothing it signs can be verified.
// Answered 400 with the code, never accepted, never a 500.
import { it } from 'node:test';
import { assertRejectedWith } from '../support/assertions.js';
import { createDeepLinkingPlatformHarness } from '../support/deep_linking_harness.js';

it('Deep Linking response: tool keys missing is refused with ERR_LTI_DL_TOOL_KEYS_MISSING', async () => {
  const harness = await createDeepLinkingPlatformHarness({ tool: { publicJwk: undefined } });
  const issued = await harness.issue();
  const { response } = await harness.respond(issued);
  await assertRejectedWith(response, 'ERR_LTI_DL_TOOL_KEYS_MISSING');
});
