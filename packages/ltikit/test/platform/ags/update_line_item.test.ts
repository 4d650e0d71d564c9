// PUT {lineitem} (AGS-022): replaces the mutable fields; resourceLinkId fixed; 404 across tools.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MEDIA_TYPE } from '../../../src/vocab/media_types.js';
import { SCOPE } from '../../../src/vocab/scopes.js';
import { TOOL_A, TOOL_B, createAgsPlatform, errorCode } from '../../support/ags_platform.js';

describe('updateLineItem (PUT {lineitem})', () => {
  it('replaces the fields and answers 200 with the result', async () => {
    const env = await createAgsPlatform();
    const created = await env.createLineItem({ label: 'Quiz', scoreMaximum: 10, resourceLinkId: 'rl-1', tag: 'draft', 'https://example.com/old': 1 });
    const body = { id: created.id, label: 'Quiz (final)', scoreMaximum: 20, resourceLinkId: 'rl-1', endDateTime: '2026-04-01T00:00:00+02:00', 'https://example.com/new': true };
    const response = await env.call('PUT', created.id, { token: await env.token(), body, contentType: MEDIA_TYPE.lineItem });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), MEDIA_TYPE.lineItem);
    assert.deepEqual(await response.json(), body);
    const read = await env.call('GET', created.id, { token: await env.token() });
    assert.deepEqual(await read.json(), body, 'tag and the old extension were replaced away');
  });

  it('keeps resourceLinkId when the body leaves it out, and refuses to change it (AGS-022)', async () => {
    const env = await createAgsPlatform();
    const created = await env.createLineItem({ label: 'Quiz', scoreMaximum: 10, resourceLinkId: 'rl-1' });
    const kept = await env.call('PUT', created.id, { token: await env.token(), body: { label: 'Renamed', scoreMaximum: 10 }, contentType: MEDIA_TYPE.lineItem });
    assert.equal(((await kept.json()) as { resourceLinkId: string }).resourceLinkId, 'rl-1');
    const changed = await env.call('PUT', created.id, { token: await env.token(), body: { label: 'Renamed', scoreMaximum: 10, resourceLinkId: 'rl-2' }, contentType: MEDIA_TYPE.lineItem });
    assert.equal(changed.status, 400);
    assert.equal(await errorCode(changed), 'ERR_LTI_AGS_RESOURCE_LINK_IMMUTABLE');
  });

  it('refuses an id that is not the URL it was sent to, and invalid fields, with 400 naming the field', async () => {
    const env = await createAgsPlatform();
    const created = await env.createLineItem({ label: 'Quiz', scoreMaximum: 10 });
    for (const [body, field] of [
      [{ id: `${created.id}-other`, label: 'Quiz', scoreMaximum: 10 }, 'id'],
      [{ label: '', scoreMaximum: 10 }, 'label'],
      [{ label: 'Quiz', scoreMaximum: 0 }, 'scoreMaximum'],
    ] as const) {
      const response = await env.call('PUT', created.id, { token: await env.token(), body, contentType: MEDIA_TYPE.lineItem });
      assert.equal(response.status, 400);
      const answer = (await response.json()) as { code: string; detail: { field: string } };
      assert.equal(answer.code, 'ERR_LTI_AGS_LINE_ITEM_INVALID');
      assert.equal(answer.detail.field, field);
    }
  });

  it('answers 404 for another tool\u2019s line item and 403 for a read-only token', async () => {
    const env = await createAgsPlatform();
    const theirs = await env.createLineItem({ label: 'B\u2019s', scoreMaximum: 1 }, await env.token(TOOL_B.clientId));
    const crossed = await env.call('PUT', theirs.id, { token: await env.token(), body: { label: 'Mine now', scoreMaximum: 1 }, contentType: MEDIA_TYPE.lineItem });
    assert.equal(crossed.status, 404);
    assert.equal(await errorCode(crossed), 'ERR_LTI_AGS_LINE_ITEM_UNKNOWN');
    assert.equal((await env.store.getLineItem(theirs.id.split('/').at(-1)!))?.label, 'B\u2019s');
    const mine = await env.createLineItem({ label: 'A\u2019s', scoreMaximum: 1 });
    const readOnly = await env.call('PUT', mine.id, { token: await env.token(TOOL_A.clientId, [SCOPE.lineItemReadonly]), body: { label: 'x', scoreMaximum: 1 }, contentType: MEDIA_TYPE.lineItem });
    assert.equal(readOnly.status, 403);
  });

  it('refuses another Content-Type with 415 and a broken body with 400', async () => {
    const env = await createAgsPlatform();
    const created = await env.createLineItem({ label: 'Quiz', scoreMaximum: 10 });
    const wrongType = await env.call('PUT', created.id, { token: await env.token(), body: { label: 'Quiz', scoreMaximum: 10 }, contentType: 'application/json' });
    assert.equal(wrongType.status, 415);
    const broken = await env.call('PUT', created.id, { token: await env.token(), body: '{', contentType: MEDIA_TYPE.lineItem });
    assert.equal(broken.status, 400);
    assert.equal(await errorCode(broken), 'ERR_LTI_AGS_JSON_MALFORMED');
  });
});
