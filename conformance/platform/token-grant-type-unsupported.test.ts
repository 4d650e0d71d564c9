// Platform token endpoint (TOK-010): only `grant_type=client_credentials` is served; any other grant
// (or none) is refused with `unsupported_grant_type` (RFC 6749 §5.2).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertRejectedWith } from '../support/assertions.js';
import { createTokenHarness, oauthErrorOf } from '../support/token_harness.js';

it('a grant_type other than client_credentials is refused with ERR_LTI_TOKEN_GRANT_TYPE_UNSUPPORTED (unsupported_grant_type)', async () => {
  const harness = await createTokenHarness();
  for (const grantType of ['password', undefined]) {
    const response = await harness.requestToken({ ...harness.tokenParameters(await harness.assertion()), grant_type: grantType });
    assert.equal(response.status, 400);
    assert.equal(await oauthErrorOf(response), 'unsupported_grant_type');
    await assertRejectedWith(response, 'ERR_LTI_TOKEN_GRANT_TYPE_UNSUPPORTED');
  }
});
