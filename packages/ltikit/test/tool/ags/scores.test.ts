// tool.ags.submitScore against the real platform: `{lineitem}/scores` with the line item URL's
// query kept (AGS-010), the score media type and scope, the score checked before sending (AGS-049),
// any 2xx taken as success (AGS-048), a stale score reported with the platform's 409 (AGS-042).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Score } from '../../../src/messages/ags.js';
import { submitScore } from '../../../src/tool/ags/scores.js';
import type { ServiceRequest } from '../../../src/tool/token/access_token_client.js';
import { MEDIA_TYPE } from '../../../src/vocab/media_types.js';
import { SCOPE } from '../../../src/vocab/scopes.js';
import { LINE_ITEMS_URL } from '../../support/ags_platform.js';
import { rejectsLtiError } from '../../support/assert_lti_error.js';
import { createToolEnvironment } from './harness.js';

const score = (second: number, overrides: Partial<Score> = {}): Score => ({
  userId: 'u-1',
  timestamp: `2026-01-01T00:00:${String(second).padStart(2, '0')}.000Z`,
  scoreGiven: second,
  scoreMaximum: 60,
  activityProgress: 'Completed',
  gradingProgress: 'FullyGraded',
  ...overrides,
});

describe('tool.ags.submitScore', () => {
  it('posts to the line item URL\u2019s path plus /scores, its query kept, with the score media type and scope (AGS-010, AGS-014)', async () => {
    const { env, tool, target, requests, tokenScopes } = await createToolEnvironment();
    const lineItem = await tool.ags.createLineItem(target, LINE_ITEMS_URL, { label: 'Quiz', scoreMaximum: 60 });
    requests.length = 0;
    await tool.ags.submitScore(target, `${lineItem.id}?dep=01`, score(5, { comment: 'Well done', 'https://example.com/attempt': 1 }));
    assert.equal(requests.length, 1);
    assert.equal(requests[0]!.url, `${lineItem.id}/scores?dep=01`);
    assert.equal(requests[0]!.method, 'POST');
    assert.equal(requests[0]!.headers.get('content-type'), MEDIA_TYPE.score);
    assert.deepEqual(JSON.parse(requests[0]!.body), score(5, { comment: 'Well done', 'https://example.com/attempt': 1 }));
    assert.equal(tokenScopes.at(-1), SCOPE.score);
    const [stored] = await env.store.listLatestScores({ lineItemId: lineItem.id.split('/').at(-1)!, limit: 1 });
    assert.equal(stored?.comment, 'Well done');
  });

  it('reports a stale score as the platform\u2019s 409 (AGS-042)', async () => {
    const { tool, target } = await createToolEnvironment();
    const lineItem = await tool.ags.createLineItem(target, LINE_ITEMS_URL, { label: 'Quiz', scoreMaximum: 60 });
    await tool.ags.submitScore(target, lineItem.id, score(5));
    const error = await rejectsLtiError(tool.ags.submitScore(target, lineItem.id, score(4)), 'ERR_LTI_SERVICE_REQUEST_FAILED');
    assert.equal(error.detail?.status, 409);
    assert.match(String(error.detail?.body), /ERR_LTI_AGS_SCORE_STALE/);
  });

  it('checks the score before sending anything (AGS-049)', async () => {
    const { tool, target, requests } = await createToolEnvironment();
    const error = await rejectsLtiError(tool.ags.submitScore(target, `${LINE_ITEMS_URL}/x`, score(1, { scoreMaximum: undefined })), 'ERR_LTI_AGS_SCORE_INVALID');
    assert.equal(error.detail?.field, 'scoreMaximum');
    await rejectsLtiError(tool.ags.submitScore(target, `${LINE_ITEMS_URL}/x`, score(1, { timestamp: 'now' })), 'ERR_LTI_AGS_SCORE_INVALID');
    assert.equal(requests.length, 0);
  });

  it('takes any 2xx as success, with or without a body (AGS-048)', async () => {
    for (const status of [200, 201, 202, 204]) {
      const call = async (_request: ServiceRequest) => new Response(status === 204 ? null : '{"resultUrl":"https://lms.example.edu/r/1"}', { status, headers: { 'content-type': 'application/json' } });
      await submitScore(call, `${LINE_ITEMS_URL}/1`, score(1));
    }
  });
});
