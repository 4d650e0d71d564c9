// Platform token endpoint (TOK-011): `exp` must be in the future (60 s of clock skew allowed).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertRejectedWith } from '../support/assertions.js';
import { createTokenHarness, oauthErrorOf } from '../support/token_harness.js';

it('an expired assertion is refused with ERR_LTI_CLIENT_ASSERTION_EXPIRED (invalid_client)', async () => {
  const harness = await createTokenHarness();
  const now = harness.clock.now();
  const response = await harness.requestToken(harness.tokenParameters(await harness.assertion({ iat: now - 600, exp: now - 300 })));
  assert.equal(response.status, 401);
  assert.equal(await oauthErrorOf(response), 'invalid_client');
  await assertRejectedWith(response, 'ERR_LTI_CLIENT_ASSERTION_EXPIRED');
});
