// POST {lineitem}/scores (ags.md §4): validation naming the field (AGS-049), the timestamp order
// (AGS-041, AGS-042: 409 for a score not later than the stored one, also for concurrent posts),
// the member check (AGS-040), media types (AGS-013) and the tool/context confinement (AGS-012).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MEDIA_TYPE } from '../../../src/vocab/media_types.js';
import { SCOPE } from '../../../src/vocab/scopes.js';
import { LINE_ITEMS_URL, TOOL_A, TOOL_B, createAgsPlatform, errorCode, scoreBody } from '../../support/ags_platform.js';

async function withLineItem(options: Parameters<typeof createAgsPlatform>[0] = {}) {
  const env = await createAgsPlatform(options);
  const lineItem = await env.createLineItem({ label: 'Quiz', scoreMaximum: 60 });
  return { env, lineItem, lineItemId: lineItem.id.split('/').at(-1)! };
}

describe('postScore (POST {lineitem}/scores)', () => {
  it('stores every spec field and extension before answering 204', async () => {
    const { env, lineItem, lineItemId } = await withLineItem();
    const body = {
      userId: 'a3f0c2e1',
      scoreGiven: 47.5,
      scoreMaximum: 60,
      comment: 'Good work on part B.',
      timestamp: '2026-03-05T14:03:22.519+00:00',
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
      scoringUserId: 't-0042',
      submission: { startedAt: '2026-03-05T13:10:00.000+00:00', submittedAt: '2026-03-05T13:58:41.000+00:00' },
      'https://example.com/attempt': 2,
    };
    const response = await env.postScore(lineItem.id, body);
    assert.equal(response.status, 204);
    assert.equal(await response.text(), '');
    const { 'https://example.com/attempt': attempt, ...fields } = body;
    assert.deepEqual(await env.store.scoreHistory(lineItemId, 'a3f0c2e1'), [
      { lineItemId, ...fields, extensions: { 'https://example.com/attempt': attempt }, receivedAt: env.clock.now() },
    ]);
  });

  it('accepts a score without scoreGiven, which clears the result (AGS-043), and a Content-Type with charset', async () => {
    const { env, lineItem, lineItemId } = await withLineItem();
    assert.equal((await env.postScore(lineItem.id, scoreBody({}, 1))).status, 204);
    const clear = { userId: 'u-1', timestamp: '2026-01-01T00:00:02Z', activityProgress: 'Initialized', gradingProgress: 'NotReady', scoreGiven: null };
    const response = await env.call('POST', `${lineItem.id}/scores`, { token: await env.token(), body: clear, contentType: `${MEDIA_TYPE.score}; charset=utf-8` });
    assert.equal(response.status, 204);
    const [latest] = await env.store.listLatestScores({ lineItemId, limit: 1 });
    assert.equal(latest?.scoreGiven, undefined);
    assert.equal(latest?.activityProgress, 'Initialized');
  });

  it('refuses a score not later than the stored one with 409 and keeps the newer (AGS-042)', async () => {
    const { env, lineItem, lineItemId } = await withLineItem();
    assert.equal((await env.postScore(lineItem.id, scoreBody({ scoreGiven: 5 }, 10))).status, 204);
    for (const timestamp of ['2026-01-01T00:00:09.999Z', '2026-01-01T00:00:10Z', '2026-01-01T01:00:10.000+01:00']) {
      const response = await env.postScore(lineItem.id, scoreBody({ scoreGiven: 1, timestamp }));
      assert.equal(response.status, 409, timestamp);
      assert.equal(await errorCode(response), 'ERR_LTI_AGS_SCORE_STALE');
    }
    assert.equal((await env.postScore(lineItem.id, scoreBody({ scoreGiven: 6, timestamp: '2026-01-01T00:00:10.000001Z' }))).status, 204);
    assert.deepEqual((await env.store.scoreHistory(lineItemId, 'u-1')).map((score) => score.scoreGiven), [5, 6]);
    // Another user's order is their own.
    assert.equal((await env.postScore(lineItem.id, scoreBody({ userId: 'u-2' }, 1))).status, 204);
  });

  it('keeps the newer of two scores posted at once, whichever arrives first (AGS-042)', async () => {
    for (const order of [
      [20, 10],
      [10, 20],
    ]) {
      const { env, lineItem, lineItemId } = await withLineItem();
      const responses = await Promise.all(order.map((second) => env.postScore(lineItem.id, scoreBody({ scoreGiven: second }, second))));
      const statuses = Object.fromEntries(order.map((second, index) => [second, responses[index]!.status]));
      assert.equal(statuses[20], 204);
      assert.ok(statuses[10] === 204 || statuses[10] === 409, String(statuses[10]));
      const [latest] = await env.store.listLatestScores({ lineItemId, limit: 1 });
      assert.equal(latest?.scoreGiven, 20);
    }
  });

  it('stores exactly one of two scores posted at once with the same timestamp (AGS-041, AGS-042)', async () => {
    const { env, lineItem, lineItemId } = await withLineItem();
    const responses = await Promise.all([env.postScore(lineItem.id, scoreBody({ scoreGiven: 1 }, 5)), env.postScore(lineItem.id, scoreBody({ scoreGiven: 2 }, 5))]);
    assert.deepEqual(responses.map((response) => response.status).sort(), [204, 409]);
    assert.equal((await env.store.scoreHistory(lineItemId, 'u-1')).length, 1);
  });

  for (const [name, overrides, field] of [
    ['no userId', { userId: undefined }, 'userId'],
    ['an empty userId', { userId: '' }, 'userId'],
    ['no timestamp', { timestamp: undefined }, 'timestamp'],
    ['a timestamp without offset', { timestamp: '2026-01-01T00:00:00' }, 'timestamp'],
    ['a timestamp on 30 February', { timestamp: '2026-02-30T00:00:00Z' }, 'timestamp'],
    ['an unknown activityProgress', { activityProgress: 'Done' }, 'activityProgress'],
    ['no gradingProgress', { gradingProgress: undefined }, 'gradingProgress'],
    ['an unknown gradingProgress', { gradingProgress: 'Graded' }, 'gradingProgress'],
    ['a negative scoreGiven', { scoreGiven: -1 }, 'scoreGiven'],
    ['a scoreGiven in a string', { scoreGiven: '7' }, 'scoreGiven'],
    ['scoreGiven without scoreMaximum', { scoreMaximum: undefined }, 'scoreMaximum'],
    ['scoreMaximum 0', { scoreMaximum: 0 }, 'scoreMaximum'],
    ['a numeric comment', { comment: 5 }, 'comment'],
    ['a submission time that is no date', { submission: { submittedAt: 'yesterday' } }, 'submission.submittedAt'],
  ] as const) {
    it(`refuses ${name} with 400 naming the field (AGS-049)`, async () => {
      const { env, lineItem, lineItemId } = await withLineItem();
      const response = await env.postScore(lineItem.id, scoreBody(overrides));
      assert.equal(response.status, 400);
      const answer = (await response.json()) as { code: string; detail: { field: string } };
      assert.equal(answer.code, 'ERR_LTI_AGS_SCORE_INVALID');
      assert.equal(answer.detail.field, field);
      assert.deepEqual(await env.store.listLatestScores({ lineItemId, limit: 10 }), []);
    });
  }

  it('refuses a body that is not a JSON object with 400', async () => {
    const { env, lineItem } = await withLineItem();
    for (const body of ['{"userId":', '[]', '"score"']) {
      const response = await env.call('POST', `${lineItem.id}/scores`, { token: await env.token(), body, contentType: MEDIA_TYPE.score });
      assert.equal(response.status, 400, body);
      assert.equal(await errorCode(response), 'ERR_LTI_AGS_JSON_MALFORMED');
    }
  });

  it('refuses another Content-Type with 415 (AGS-013)', async () => {
    const { env, lineItem } = await withLineItem();
    for (const contentType of ['application/json', MEDIA_TYPE.lineItem, 'application/x-www-form-urlencoded']) {
      const response = await env.call('POST', `${lineItem.id}/scores`, { token: await env.token(), body: scoreBody(), contentType });
      assert.equal(response.status, 415, contentType);
      assert.equal(await errorCode(response), 'ERR_LTI_AGS_CONTENT_TYPE_UNSUPPORTED');
    }
  });

  it('refuses a body over maxBodyBytes with 413', async () => {
    const { env, lineItem } = await withLineItem({ ags: { maxBodyBytes: 2048 } });
    const response = await env.postScore(lineItem.id, scoreBody({ comment: 'x'.repeat(4096) }));
    assert.equal(response.status, 413);
    assert.equal(await errorCode(response), 'ERR_LTI_REQUEST_TOO_LARGE');
  });

  it('needs the score scope: a lineitem token gets 403 (AGS-011)', async () => {
    const { env, lineItem } = await withLineItem();
    const response = await env.postScore(lineItem.id, scoreBody(), await env.token(TOOL_A.clientId, [SCOPE.lineItem, SCOPE.resultReadonly]));
    assert.equal(response.status, 403);
    assert.equal(await errorCode(response), 'ERR_LTI_ACCESS_TOKEN_SCOPE_INSUFFICIENT');
  });

  it('answers 404 for an unknown line item, another tool\u2019s and another context\u2019s (AGS-012, TOK-016)', async () => {
    const { env, lineItem } = await withLineItem();
    const theirs = await env.createLineItem({ label: 'B\u2019s', scoreMaximum: 1 }, await env.token(TOOL_B.clientId));
    for (const url of [`${LINE_ITEMS_URL}/nope`, theirs.id, lineItem.id.replace('/ctx-1/', '/ctx-2/')]) {
      const response = await env.postScore(url, scoreBody());
      assert.equal(response.status, 404, url);
      assert.equal(await errorCode(response), 'ERR_LTI_AGS_LINE_ITEM_UNKNOWN');
    }
    assert.deepEqual(await env.store.listLatestScores({ lineItemId: theirs.id.split('/').at(-1)!, limit: 10 }), []);
  });

  it('refuses a score for someone who is not a member of the context (AGS-040)', async () => {
    const asked: Array<[string, string]> = [];
    const { env, lineItem, lineItemId } = await withLineItem({
      ags: {
        isMember: async (contextId, userId) => {
          asked.push([contextId, userId]);
          return userId === 'u-1';
        },
      },
    });
    const refused = await env.postScore(lineItem.id, scoreBody({ userId: 'stranger' }));
    assert.equal(refused.status, 400);
    const answer = (await refused.json()) as { code: string; detail: { field: string } };
    assert.equal(answer.code, 'ERR_LTI_AGS_SCORE_USER_NOT_MEMBER');
    assert.equal(answer.detail.field, 'userId');
    assert.equal((await env.postScore(lineItem.id, scoreBody())).status, 204);
    assert.deepEqual(asked, [
      ['ctx-1', 'stranger'],
      ['ctx-1', 'u-1'],
    ]);
    assert.deepEqual((await env.store.listLatestScores({ lineItemId, limit: 10 })).map((score) => score.userId), ['u-1']);
  });
});
