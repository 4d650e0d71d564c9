// Platform Deep Linking return URL, negative case. DL-021, SEC-002: an unsigned response (`alg: none`), or one with a symmetric `alg`.
// Answered 400 with the code, never accepted, never a 500.
import { it } from 'node:test';
import { assertRejectedWith } from '../support/assertions.js';
import { createDeepLinkingPlatformHarness } from '../support/deep_linking_harness.js';
import { assembleJwt } from '../support/tool_harness.js';

it('Deep Linking response: alg none is refused with ERR_LTI_DL_JWT_ALG_NOT_ALLOWED', async () => {
  const harness = await createDeepLinkingPlatformHarness();
  const issued = await harness.issue();
  for (const alg of ['none', 'HS256']) {
    const jwt = assembleJwt({ alg, kid: harness.toolKey.kid, typ: 'JWT' }, harness.responsePayload(issued), alg === 'none' ? '' : 'c2ln');
    await assertRejectedWith(await harness.post(issued.returnUrl, { JWT: jwt }), 'ERR_LTI_DL_JWT_ALG_NOT_ALLOWED');
  }
});
