// Platform token endpoint (TOK-013): only scopes both requested and registered for the tool are
// granted; a request none of whose scopes is granted gets `invalid_scope`, not an empty token.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { SCOPE } from 'ltikit';
import { assertRejectedWith } from '../support/assertions.js';
import { createTokenHarness, oauthErrorOf } from '../support/token_harness.js';

it('a request for scopes the tool was not granted is refused with ERR_LTI_TOKEN_SCOPE_NOT_GRANTED (invalid_scope)', async () => {
  const harness = await createTokenHarness();
  const response = await harness.requestToken(harness.tokenParameters(await harness.assertion(), SCOPE.contextMembershipReadonly));
  assert.equal(response.status, 400);
  assert.equal(await oauthErrorOf(response), 'invalid_scope');
  await assertRejectedWith(response, 'ERR_LTI_TOKEN_SCOPE_NOT_GRANTED');
});
