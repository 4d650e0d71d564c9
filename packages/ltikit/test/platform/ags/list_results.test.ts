// GET {lineitem}/results (ags.md §5): each user's latest score on the line item's scale (AGS-045),
// users without a result left out (AGS-043, AGS-052), `user_id` and paging (AGS-050).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseLinkHeader } from '../../../src/lib/link_header.js';
import { MEDIA_TYPE } from '../../../src/vocab/media_types.js';
import { SCOPE } from '../../../src/vocab/scopes.js';
import { TOOL_A, TOOL_B, createAgsPlatform, errorCode, scoreBody } from '../../support/ags_platform.js';

async function withLineItem(options: Parameters<typeof createAgsPlatform>[0] = {}) {
  const env = await createAgsPlatform(options);
  const lineItem = await env.createLineItem({ label: 'Quiz', scoreMaximum: 60 });
  const results = async (query = '', token?: string) => {
    const response = await env.call('GET', `${lineItem.id}/results${query}`, { token: token ?? (await env.token()), accept: MEDIA_TYPE.resultContainer });
    const links = Object.fromEntries(parseLinkHeader(response.headers.get('link')).map((link) => [link.rel[0], link.url]));
    return { response, links, body: response.status === 200 ? ((await response.json()) as Array<Record<string, unknown>>) : [] };
  };
  return { env, lineItem, results };
}

describe('listResults (GET {lineitem}/results)', () => {
  it('answers an empty array under the result container media type', async () => {
    const { results } = await withLineItem();
    const { response, body, links } = await results();
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), MEDIA_TYPE.resultContainer);
    assert.deepEqual(body, []);
    assert.deepEqual(links, {});
  });

  it('gives each user\u2019s latest score on the line item\u2019s scale, with comment and grader (AGS-045, AGS-051)', async () => {
    const { env, lineItem, results } = await withLineItem();
    await env.postScore(lineItem.id, scoreBody({ userId: 'u-1', scoreGiven: 2, scoreMaximum: 10 }, 1));
    await env.postScore(lineItem.id, scoreBody({ userId: 'u-1', scoreGiven: 5, scoreMaximum: 10, comment: 'Better', scoringUserId: 't-1' }, 2));
    await env.postScore(lineItem.id, scoreBody({ userId: 'u-2', scoreGiven: 47.5, scoreMaximum: 60 }, 1));
    await env.postScore(lineItem.id, scoreBody({ userId: 'u-3', scoreGiven: 1, scoreMaximum: 3 }, 1));
    const { body } = await results();
    assert.deepEqual(body, [
      { id: `${lineItem.id}/results?user_id=u-1`, scoreOf: lineItem.id, userId: 'u-1', resultScore: 30, resultMaximum: 60, scoringUserId: 't-1', comment: 'Better' },
      { id: `${lineItem.id}/results?user_id=u-2`, scoreOf: lineItem.id, userId: 'u-2', resultScore: 47.5, resultMaximum: 60 },
      { id: `${lineItem.id}/results?user_id=u-3`, scoreOf: lineItem.id, userId: 'u-3', resultScore: 20, resultMaximum: 60 },
    ]);
  });

  it('narrows to one user with user_id, and a result\u2019s id answers with that result', async () => {
    const { env, lineItem, results } = await withLineItem();
    await env.postScore(lineItem.id, scoreBody({ userId: 'u-1' }, 1));
    await env.postScore(lineItem.id, scoreBody({ userId: 'u 2/x' }, 1));
    const { body } = await results('?user_id=u%202%2Fx');
    assert.deepEqual(body.map((result) => result.userId), ['u 2/x']);
    const byId = await env.call('GET', body[0]!.id as string, { token: await env.token() });
    assert.deepEqual(await byId.json(), body);
    assert.deepEqual((await results('?user_id=nobody')).body, []);
  });

  it('leaves out users whose score was cleared (AGS-043) and ignores scoreGiven until grading is done (AGS-044)', async () => {
    const { env, lineItem, results } = await withLineItem();
    await env.postScore(lineItem.id, scoreBody({ userId: 'cleared' }, 1));
    await env.postScore(lineItem.id, { userId: 'cleared', timestamp: '2026-01-01T00:00:02Z', activityProgress: 'Initialized', gradingProgress: 'NotReady' });
    await env.postScore(lineItem.id, scoreBody({ userId: 'pending', gradingProgress: 'Pending' }, 1));
    await env.postScore(lineItem.id, scoreBody({ userId: 'pending-commented', gradingProgress: 'Failed', comment: 'Could not run your code' }, 1));
    await env.postScore(lineItem.id, scoreBody({ userId: 'manual', gradingProgress: 'PendingManual', scoreGiven: 5, scoreMaximum: 10 }, 1));
    const { body } = await results();
    assert.deepEqual(body, [
      { id: `${lineItem.id}/results?user_id=manual`, scoreOf: lineItem.id, userId: 'manual', resultScore: 30, resultMaximum: 60 },
      { id: `${lineItem.id}/results?user_id=pending-commented`, scoreOf: lineItem.id, userId: 'pending-commented', comment: 'Could not run your code' },
    ]);
  });

  it('pages with limit and Link rel="next" (AGS-050)', async () => {
    const { env, lineItem, results } = await withLineItem();
    for (const userId of ['u-1', 'u-2', 'u-3', 'u-4', 'u-5']) await env.postScore(lineItem.id, scoreBody({ userId }, 1));
    const first = await results('?limit=2');
    assert.deepEqual(first.body.map((result) => result.userId), ['u-1', 'u-2']);
    assert.equal(first.links.first, `${lineItem.id}/results?limit=2`);
    const seen = [...first.body];
    let next: string | undefined = first.links.next;
    let pages = 1;
    while (next !== undefined) {
      const page = await env.call('GET', next, { token: await env.token() });
      seen.push(...((await page.json()) as Array<Record<string, unknown>>));
      next = Object.fromEntries(parseLinkHeader(page.headers.get('link')).map((link) => [link.rel[0], link.url])).next;
      pages += 1;
    }
    assert.equal(pages, 3);
    assert.deepEqual(seen.map((result) => result.userId), ['u-1', 'u-2', 'u-3', 'u-4', 'u-5']);
    const invalid = await env.call('GET', `${lineItem.id}/results?limit=0`, { token: await env.token() });
    assert.equal(invalid.status, 400);
    assert.equal(await errorCode(invalid), 'ERR_LTI_AGS_LIMIT_INVALID');
  });

  it('needs the result.readonly scope (403), an acceptable Accept (406), and the tool\u2019s own line item (404)', async () => {
    const { env, lineItem, results } = await withLineItem();
    const forbidden = await results('', await env.token(TOOL_A.clientId, [SCOPE.lineItem, SCOPE.score]));
    assert.equal(forbidden.response.status, 403);
    const unacceptable = await env.call('GET', `${lineItem.id}/results`, { token: await env.token(), accept: MEDIA_TYPE.lineItemContainer });
    assert.equal(unacceptable.status, 406);
    assert.equal(await errorCode(unacceptable), 'ERR_LTI_AGS_ACCEPT_UNSUPPORTED');
    const crossed = await env.call('GET', `${lineItem.id}/results`, { token: await env.token(TOOL_B.clientId) });
    assert.equal(crossed.status, 404);
    assert.equal(await errorCode(crossed), 'ERR_LTI_AGS_LINE_ITEM_UNKNOWN');
  });
});
