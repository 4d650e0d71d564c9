// Platform token endpoint (TOK-011): the client assertion's `aud` must name this platform's token
// endpoint (or its advertised `authorization_server`); an assertion made for another server is refused.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertRejectedWith } from '../support/assertions.js';
import { createTokenHarness, oauthErrorOf } from '../support/token_harness.js';

it('an assertion whose aud is another server is refused with ERR_LTI_CLIENT_ASSERTION_AUDIENCE_INVALID (invalid_client)', async () => {
  const harness = await createTokenHarness();
  for (const aud of ['https://other-lms.example.net/oauth2/token', ['https://other-lms.example.net/oauth2/token']]) {
    const response = await harness.requestToken(harness.tokenParameters(await harness.assertion({ aud })));
    assert.equal(response.status, 401);
    assert.equal(await oauthErrorOf(response), 'invalid_client');
    await assertRejectedWith(response, 'ERR_LTI_CLIENT_ASSERTION_AUDIENCE_INVALID');
  }
});
