// Platform token endpoint (TOK-011): the client assertion must verify with the tool's registered
// key. An attacker's key presented under the tool's `kid` is client-authentication failure (401).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertRejectedWith } from '../support/assertions.js';
import { createTokenHarness, oauthErrorOf } from '../support/token_harness.js';

it('an assertion signed by another key under the tool’s kid is refused with ERR_LTI_CLIENT_ASSERTION_SIGNATURE_INVALID (invalid_client)', async () => {
  const harness = await createTokenHarness();
  const response = await harness.requestToken(harness.tokenParameters(await harness.assertion({}, { impostor: true })));
  assert.equal(response.status, 401);
  assert.equal(await oauthErrorOf(response), 'invalid_client');
  await assertRejectedWith(response, 'ERR_LTI_CLIENT_ASSERTION_SIGNATURE_INVALID');
});
