// The AGS dispatch and the checks every AGS endpoint starts with, through `platform.fetch`: the
// service must be on, the method known, the Bearer token valid (TOK-021) and the context one the
// tool is deployed in (TOK-016).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MEDIA_TYPE } from '../../../src/vocab/media_types.js';
import { SCOPE } from '../../../src/vocab/scopes.js';
import { LINE_ITEMS_URL, TOOL_C, createAgsPlatform, errorCode } from '../../support/ags_platform.js';

describe('handleAgsRequest', () => {
  it('answers 404 when the platform does not serve AGS', async () => {
    const env = await createAgsPlatform({ ags: false });
    const response = await env.call('GET', LINE_ITEMS_URL, { token: await env.token() });
    assert.equal(response.status, 404);
    assert.equal(await errorCode(response), 'ERR_LTI_NOT_FOUND');
  });

  it('answers 405 for a method the route does not serve', async () => {
    const env = await createAgsPlatform();
    const response = await env.call('PATCH', `${LINE_ITEMS_URL}/li-1`, { token: await env.token() });
    assert.equal(response.status, 405);
    assert.equal(await errorCode(response), 'ERR_LTI_METHOD_NOT_ALLOWED');
  });

  it('answers 401 with a Bearer challenge without a token or with an unknown one (TOK-021)', async () => {
    const env = await createAgsPlatform();
    const missing = await env.call('GET', LINE_ITEMS_URL);
    assert.equal(missing.status, 401);
    assert.equal(missing.headers.get('www-authenticate'), 'Bearer error="invalid_token"');
    assert.equal(await errorCode(missing), 'ERR_LTI_ACCESS_TOKEN_MISSING');
    const forged = await env.call('POST', `${LINE_ITEMS_URL}/li-1/scores`, { token: 'forged-token-forged-token-forged', body: {}, contentType: MEDIA_TYPE.score });
    assert.equal(forged.status, 401);
    assert.equal(await errorCode(forged), 'ERR_LTI_ACCESS_TOKEN_INVALID');
  });

  it('answers 401 once the token has expired (TOK-021)', async () => {
    const env = await createAgsPlatform();
    const token = await env.token();
    env.clock.advance(3600);
    const response = await env.call('GET', LINE_ITEMS_URL, { token });
    assert.equal(response.status, 401);
    assert.equal(await errorCode(response), 'ERR_LTI_ACCESS_TOKEN_INVALID');
  });

  it('answers 404 for a context the tool is not deployed in, without revealing it (TOK-016)', async () => {
    const env = await createAgsPlatform();
    const response = await env.call('GET', LINE_ITEMS_URL, { token: await env.token(TOOL_C.clientId, [SCOPE.lineItem]) });
    assert.equal(response.status, 404);
    assert.equal(await errorCode(response), 'ERR_LTI_SERVICE_CONTEXT_UNKNOWN');
  });

  it('serves HEAD like GET on the container', async () => {
    const env = await createAgsPlatform();
    const response = await env.call('HEAD', LINE_ITEMS_URL, { token: await env.token() });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), MEDIA_TYPE.lineItemContainer);
  });
});
