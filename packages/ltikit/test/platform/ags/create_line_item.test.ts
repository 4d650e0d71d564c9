// POST {lineitems} (ags.md §3, AGS-020..023) through `platform.fetch` with real tokens.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MEDIA_TYPE } from '../../../src/vocab/media_types.js';
import { SCOPE } from '../../../src/vocab/scopes.js';
import { LINE_ITEMS_URL, TOOL_A, createAgsPlatform, errorCode } from '../../support/ags_platform.js';

const CANVAS_SUBMISSION_TYPE = 'https://canvas.instructure.com/lti/submission_type';

describe('createLineItem (POST {lineitems})', () => {
  it('answers 201 with the stored line item, its new id URL in the body and Location (AGS-021)', async () => {
    const env = await createAgsPlatform();
    const body = {
      label: 'Chapter 5 test',
      scoreMaximum: 60,
      resourceLinkId: 'rl-5c8e',
      resourceId: 'quiz-231',
      tag: 'grade',
      startDateTime: '2026-03-01T08:00:00Z',
      endDateTime: '2026-03-08T23:59:59Z',
      gradesReleased: true,
    };
    const response = await env.call('POST', LINE_ITEMS_URL, { token: await env.token(), body, contentType: `${MEDIA_TYPE.lineItem}; charset=utf-8` });
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('content-type'), MEDIA_TYPE.lineItem);
    const created = (await response.json()) as { id: string };
    assert.match(created.id, new RegExp(`^${LINE_ITEMS_URL}/[A-Za-z0-9_-]+$`));
    assert.equal(response.headers.get('location'), created.id);
    assert.deepEqual(created, { id: created.id, ...body });
    const stored = await env.store.getLineItem(created.id.split('/').at(-1)!);
    assert.equal(stored?.clientId, TOOL_A.clientId);
    assert.equal(stored?.contextId, 'ctx-1');
    assert.equal(stored?.createdAt, env.clock.now());
  });

  it('keeps and echoes extension properties and submissionReview (AGS-023), ignores an id sent and drops nulls', async () => {
    const env = await createAgsPlatform();
    const extension = { type: 'external_tool', external_tool_url: 'https://tool.example.com/lti' };
    const created = await env.createLineItem({
      id: 'https://attacker.example/lineitems/1',
      label: 'Essay',
      scoreMaximum: 12.5,
      tag: null,
      submissionReview: { reviewableStatus: ['Submitted'] },
      [CANVAS_SUBMISSION_TYPE]: extension,
    });
    assert.notEqual(created.id, 'https://attacker.example/lineitems/1');
    assert.deepEqual(created, { id: created.id, label: 'Essay', scoreMaximum: 12.5, submissionReview: { reviewableStatus: ['Submitted'] }, [CANVAS_SUBMISSION_TYPE]: extension });
    const read = await env.call('GET', created.id, { token: await env.token() });
    assert.deepEqual(await read.json(), created);
  });

  it('records the deployment the token names', async () => {
    const env = await createAgsPlatform();
    const created = await env.createLineItem({ label: 'Quiz', scoreMaximum: 1 }, await env.token(TOOL_A.clientId, [SCOPE.lineItem], 'dep-a2'));
    assert.equal((await env.store.getLineItem(created.id.split('/').at(-1)!))?.deploymentId, 'dep-a2');
  });

  for (const [name, body, field] of [
    ['no label', { scoreMaximum: 10 }, 'label'],
    ['an empty label', { label: '  ', scoreMaximum: 10 }, 'label'],
    ['no scoreMaximum', { label: 'Quiz' }, 'scoreMaximum'],
    ['scoreMaximum 0', { label: 'Quiz', scoreMaximum: 0 }, 'scoreMaximum'],
    ['a negative scoreMaximum', { label: 'Quiz', scoreMaximum: -5 }, 'scoreMaximum'],
    ['a scoreMaximum in a string', { label: 'Quiz', scoreMaximum: '10' }, 'scoreMaximum'],
    ['a startDateTime without offset', { label: 'Quiz', scoreMaximum: 10, startDateTime: '2026-03-01T08:00:00' }, 'startDateTime'],
    ['an endDateTime that is no date', { label: 'Quiz', scoreMaximum: 10, endDateTime: 'next Friday' }, 'endDateTime'],
    ['a numeric tag', { label: 'Quiz', scoreMaximum: 10, tag: 5 }, 'tag'],
    ['gradesReleased as text', { label: 'Quiz', scoreMaximum: 10, gradesReleased: 'yes' }, 'gradesReleased'],
  ] as const) {
    it(`refuses ${name} with 400 naming the field (AGS-020)`, async () => {
      const env = await createAgsPlatform();
      const response = await env.call('POST', LINE_ITEMS_URL, { token: await env.token(), body, contentType: MEDIA_TYPE.lineItem });
      assert.equal(response.status, 400);
      const answer = (await response.json()) as { code: string; detail: { field: string } };
      assert.equal(answer.code, 'ERR_LTI_AGS_LINE_ITEM_INVALID');
      assert.equal(answer.detail.field, field);
      assert.deepEqual(await env.store.listLineItems({ contextId: 'ctx-1', clientId: TOOL_A.clientId, limit: 10 }), []);
    });
  }

  it('refuses a body that is not JSON, or JSON but not an object, with 400', async () => {
    const env = await createAgsPlatform();
    for (const body of ['{"label": "Quiz",', '[{"label":"Quiz","scoreMaximum":1}]', 'null', '']) {
      const response = await env.call('POST', LINE_ITEMS_URL, { token: await env.token(), body, contentType: MEDIA_TYPE.lineItem });
      assert.equal(response.status, 400, body);
      assert.equal(await errorCode(response), 'ERR_LTI_AGS_JSON_MALFORMED');
    }
  });

  it('refuses another Content-Type with 415 (AGS-013)', async () => {
    const env = await createAgsPlatform();
    for (const contentType of ['application/json', MEDIA_TYPE.score, 'text/plain', undefined]) {
      const response = await env.call('POST', LINE_ITEMS_URL, { token: await env.token(), body: { label: 'Quiz', scoreMaximum: 1 }, ...(contentType === undefined ? {} : { contentType }) });
      assert.equal(response.status, 415, String(contentType));
      assert.equal(await errorCode(response), 'ERR_LTI_AGS_CONTENT_TYPE_UNSUPPORTED');
    }
  });

  it('refuses an Accept header that excludes the line item media type with 406 (AGS-013)', async () => {
    const env = await createAgsPlatform();
    const response = await env.call('POST', LINE_ITEMS_URL, { token: await env.token(), body: { label: 'Quiz', scoreMaximum: 1 }, contentType: MEDIA_TYPE.lineItem, accept: 'text/csv' });
    assert.equal(response.status, 406);
    assert.equal(await errorCode(response), 'ERR_LTI_AGS_ACCEPT_UNSUPPORTED');
  });

  it('refuses a body over maxBodyBytes with 413', async () => {
    const env = await createAgsPlatform({ ags: { maxBodyBytes: 1024 } });
    const response = await env.call('POST', LINE_ITEMS_URL, { token: await env.token(), body: { label: 'x'.repeat(2000), scoreMaximum: 1 }, contentType: MEDIA_TYPE.lineItem });
    assert.equal(response.status, 413);
    assert.equal(await errorCode(response), 'ERR_LTI_REQUEST_TOO_LARGE');
  });

  it('needs the lineitem scope: a read-only token gets 403 (AGS-011)', async () => {
    const env = await createAgsPlatform();
    for (const scope of [SCOPE.lineItemReadonly, SCOPE.score, SCOPE.resultReadonly]) {
      const response = await env.call('POST', LINE_ITEMS_URL, { token: await env.token(TOOL_A.clientId, [scope]), body: { label: 'Quiz', scoreMaximum: 1 }, contentType: MEDIA_TYPE.lineItem });
      assert.equal(response.status, 403, scope);
      assert.equal(response.headers.get('www-authenticate'), 'Bearer error="insufficient_scope"');
      assert.equal(await errorCode(response), 'ERR_LTI_ACCESS_TOKEN_SCOPE_INSUFFICIENT');
    }
  });

  it('refuses a resourceLinkId the application does not know in this context (AGS-020)', async () => {
    const env = await createAgsPlatform({ ags: { hasResourceLink: (contextId, resourceLinkId) => contextId === 'ctx-1' && resourceLinkId === 'rl-1' } });
    const refused = await env.call('POST', LINE_ITEMS_URL, { token: await env.token(), body: { label: 'Quiz', scoreMaximum: 1, resourceLinkId: 'rl-9' }, contentType: MEDIA_TYPE.lineItem });
    assert.equal(refused.status, 400);
    assert.equal(await errorCode(refused), 'ERR_LTI_AGS_RESOURCE_LINK_UNKNOWN');
    const accepted = await env.createLineItem({ label: 'Quiz', scoreMaximum: 1, resourceLinkId: 'rl-1' });
    assert.equal(accepted.resourceLinkId, 'rl-1');
  });
});
