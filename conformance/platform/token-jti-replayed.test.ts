// Platform token endpoint (TOK-012): a `jti` is used once while its assertion is valid. The same
// assertion posted twice gets one token; the replay is refused.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertRejectedWith } from '../support/assertions.js';
import { createTokenHarness, oauthErrorOf } from '../support/token_harness.js';

it('an assertion presented twice is refused the second time with ERR_LTI_CLIENT_ASSERTION_REPLAYED (invalid_client)', async () => {
  const harness = await createTokenHarness();
  const parameters = harness.tokenParameters(await harness.assertion());
  const first = await harness.requestToken(parameters);
  assert.equal(first.status, 200);
  const replay = await harness.requestToken(parameters);
  assert.equal(replay.status, 401);
  assert.equal(await oauthErrorOf(replay), 'invalid_client');
  await assertRejectedWith(replay, 'ERR_LTI_CLIENT_ASSERTION_REPLAYED');
});
