// DELETE {lineitem}: 204, the line item and its scores gone; 404 across tools; the lineitem scope.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SCOPE } from '../../../src/vocab/scopes.js';
import { TOOL_A, TOOL_B, createAgsPlatform, errorCode, scoreBody } from '../../support/ags_platform.js';

describe('deleteLineItem (DELETE {lineitem})', () => {
  it('answers 204 and removes the line item with its scores', async () => {
    const env = await createAgsPlatform();
    const created = await env.createLineItem({ label: 'Quiz', scoreMaximum: 10 });
    assert.equal((await env.postScore(created.id, scoreBody())).status, 204);
    const response = await env.call('DELETE', created.id, { token: await env.token() });
    assert.equal(response.status, 204);
    assert.equal(await response.text(), '');
    const id = created.id.split('/').at(-1)!;
    assert.equal(await env.store.getLineItem(id), undefined);
    assert.deepEqual(await env.store.scoreHistory(id, 'u-1'), []);
    const again = await env.call('DELETE', created.id, { token: await env.token() });
    assert.equal(again.status, 404);
    assert.equal(await errorCode(again), 'ERR_LTI_AGS_LINE_ITEM_UNKNOWN');
    const score = await env.postScore(created.id, scoreBody({}, 1));
    assert.equal(score.status, 404);
  });

  it('answers 404 for another tool\u2019s line item and leaves it (TOK-016)', async () => {
    const env = await createAgsPlatform();
    const theirs = await env.createLineItem({ label: 'B\u2019s', scoreMaximum: 1 }, await env.token(TOOL_B.clientId));
    const response = await env.call('DELETE', theirs.id, { token: await env.token() });
    assert.equal(response.status, 404);
    assert.ok(await env.store.getLineItem(theirs.id.split('/').at(-1)!));
  });

  it('needs the lineitem scope (403 for read-only)', async () => {
    const env = await createAgsPlatform();
    const created = await env.createLineItem({ label: 'Quiz', scoreMaximum: 10 });
    const response = await env.call('DELETE', created.id, { token: await env.token(TOOL_A.clientId, [SCOPE.lineItemReadonly]) });
    assert.equal(response.status, 403);
    assert.equal(await errorCode(response), 'ERR_LTI_ACCESS_TOKEN_SCOPE_INSUFFICIENT');
  });
});
