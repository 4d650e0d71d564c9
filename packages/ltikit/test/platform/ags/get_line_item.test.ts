// GET {lineitem} (ags.md §2): one line item of the token's tool; 404 for anything else (AGS-012,
// TOK-016).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MEDIA_TYPE } from '../../../src/vocab/media_types.js';
import { SCOPE } from '../../../src/vocab/scopes.js';
import { LINE_ITEMS_URL, TOOL_A, TOOL_B, createAgsPlatform, errorCode } from '../../support/ags_platform.js';

describe('getLineItem (GET {lineitem})', () => {
  it('answers 200 with the line item under its media type, for either line-item scope', async () => {
    const env = await createAgsPlatform();
    const created = await env.createLineItem({ label: 'Quiz', scoreMaximum: 10, resourceLinkId: 'rl-1' });
    for (const scope of [SCOPE.lineItem, SCOPE.lineItemReadonly]) {
      const response = await env.call('GET', created.id, { token: await env.token(TOOL_A.clientId, [scope]), accept: MEDIA_TYPE.lineItem });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), MEDIA_TYPE.lineItem);
      assert.deepEqual(await response.json(), created);
    }
  });

  it('answers 404 for an unknown line item', async () => {
    const env = await createAgsPlatform();
    const response = await env.call('GET', `${LINE_ITEMS_URL}/nope`, { token: await env.token() });
    assert.equal(response.status, 404);
    assert.equal(await errorCode(response), 'ERR_LTI_AGS_LINE_ITEM_UNKNOWN');
  });

  it('answers 404 for another tool\u2019s line item, as if it did not exist (AGS-012, TOK-016)', async () => {
    const env = await createAgsPlatform();
    const theirs = await env.createLineItem({ label: 'B\u2019s', scoreMaximum: 1 }, await env.token(TOOL_B.clientId));
    const response = await env.call('GET', theirs.id, { token: await env.token() });
    assert.equal(response.status, 404);
    assert.equal(await errorCode(response), 'ERR_LTI_AGS_LINE_ITEM_UNKNOWN');
  });

  it('answers 404 for a line item reached through another context\u2019s URL (AGS-012)', async () => {
    const env = await createAgsPlatform();
    const created = await env.createLineItem({ label: 'Quiz', scoreMaximum: 1 });
    const response = await env.call('GET', created.id.replace('/ctx-1/', '/ctx-2/'), { token: await env.token() });
    assert.equal(response.status, 404);
    assert.equal(await errorCode(response), 'ERR_LTI_AGS_LINE_ITEM_UNKNOWN');
  });

  it('shows a line item the platform created for the tool (AGS-024)', async () => {
    const env = await createAgsPlatform();
    await env.store.createLineItem({ id: 'li-platform', contextId: 'ctx-1', clientId: TOOL_A.clientId, label: 'Set by the teacher', scoreMaximum: 100, resourceLinkId: 'rl-1', createdAt: env.clock.now() });
    const response = await env.call('GET', `${LINE_ITEMS_URL}/li-platform`, { token: await env.token(TOOL_A.clientId, [SCOPE.score, SCOPE.lineItemReadonly]) });
    assert.deepEqual(await response.json(), { id: `${LINE_ITEMS_URL}/li-platform`, label: 'Set by the teacher', scoreMaximum: 100, resourceLinkId: 'rl-1' });
  });

  it('needs a line-item scope (403) and an acceptable Accept header (406)', async () => {
    const env = await createAgsPlatform();
    const created = await env.createLineItem({ label: 'Quiz', scoreMaximum: 1 });
    const forbidden = await env.call('GET', created.id, { token: await env.token(TOOL_A.clientId, [SCOPE.score]) });
    assert.equal(forbidden.status, 403);
    const unacceptable = await env.call('GET', created.id, { token: await env.token(), accept: MEDIA_TYPE.lineItemContainer });
    assert.equal(unacceptable.status, 406);
    assert.equal(await errorCode(unacceptable), 'ERR_LTI_AGS_ACCEPT_UNSUPPORTED');
  });
});
