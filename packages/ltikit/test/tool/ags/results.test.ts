// tool.ags.listResults against the real platform: `{lineitem}/results` with the query kept
// (AGS-010), `user_id` and `limit` appended, every page read, `resultMaximum` defaulting to 1 (AGS-050).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listResults } from '../../../src/tool/ags/results.js';
import { MEDIA_TYPE } from '../../../src/vocab/media_types.js';
import { SCOPE } from '../../../src/vocab/scopes.js';
import { LINE_ITEMS_URL } from '../../support/ags_platform.js';
import { rejectsLtiError } from '../../support/assert_lti_error.js';
import { createToolEnvironment } from './harness.js';

describe('tool.ags.listResults', () => {
  it('reads every result across pages, with the result container media type and scope', async () => {
    const { tool, target, requests, tokenScopes } = await createToolEnvironment();
    const lineItem = await tool.ags.createLineItem(target, LINE_ITEMS_URL, { label: 'Quiz', scoreMaximum: 20 });
    for (const [index, userId] of ['u-1', 'u-2', 'u-3'].entries()) {
      await tool.ags.submitScore(target, lineItem.id, { userId, timestamp: '2026-01-01T00:00:00Z', scoreGiven: index + 1, scoreMaximum: 10, activityProgress: 'Completed', gradingProgress: 'FullyGraded' });
    }
    requests.length = 0;
    const results = await tool.ags.listResults(target, `${lineItem.id}?dep=01`, { limit: 2 });
    assert.deepEqual(
      results.map((result) => [result.userId, result.resultScore, result.resultMaximum, result.scoreOf]),
      [
        ['u-1', 2, 20, lineItem.id],
        ['u-2', 4, 20, lineItem.id],
        ['u-3', 6, 20, lineItem.id],
      ],
    );
    assert.equal(requests.length, 2);
    assert.equal(requests[0]!.url, `${lineItem.id}/results?dep=01&limit=2`);
    assert.equal(requests[0]!.headers.get('accept'), MEDIA_TYPE.resultContainer);
    assert.equal(tokenScopes.at(-1), SCOPE.resultReadonly);
    const [mine] = await tool.ags.listResults(target, lineItem.id, { userId: 'u-2' });
    assert.equal(mine?.resultScore, 4);
    assert.equal(requests.at(-1)!.url, `${lineItem.id}/results?user_id=u-2`);
  });

  it('fills in resultMaximum 1 when a platform leaves it out, and refuses results without userId', async () => {
    const answer = (body: unknown) => async () => new Response(JSON.stringify(body), { headers: { 'content-type': MEDIA_TYPE.resultContainer } });
    const base = { id: 'https://lms.example.edu/r/1', scoreOf: `${LINE_ITEMS_URL}/1` };
    assert.deepEqual(await listResults(answer([{ ...base, userId: 'u-1', resultScore: 0.5 }]), `${LINE_ITEMS_URL}/1`), [{ ...base, userId: 'u-1', resultScore: 0.5, resultMaximum: 1 }]);
    await rejectsLtiError(listResults(answer([{ ...base, resultScore: 0.5 }]), `${LINE_ITEMS_URL}/1`), 'ERR_LTI_AGS_RESPONSE_INVALID');
  });
});
