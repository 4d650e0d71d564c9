// GET {lineitems} (ags.md §3.1): filters combined (AGS-030), paging with Link headers (AGS-031),
// only the token's tool's line items (AGS-012, TOK-016), media types (AGS-013).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseLinkHeader } from '../../../src/lib/link_header.js';
import { MEDIA_TYPE } from '../../../src/vocab/media_types.js';
import { SCOPE } from '../../../src/vocab/scopes.js';
import { LINE_ITEMS_URL, TOOL_A, TOOL_B, createAgsPlatform, errorCode } from '../../support/ags_platform.js';

type Item = { id: string; label: string };

async function list(env: Awaited<ReturnType<typeof createAgsPlatform>>, url: string, token?: string) {
  const response = await env.call('GET', url, { token: token ?? (await env.token()), accept: MEDIA_TYPE.lineItemContainer });
  const links = Object.fromEntries(parseLinkHeader(response.headers.get('link')).map((link) => [link.rel[0], link.url]));
  return { response, body: (await response.json()) as Item[], links };
}

describe('listLineItems (GET {lineitems})', () => {
  it('answers 200 with an empty array under the container media type', async () => {
    const env = await createAgsPlatform();
    const { response, body, links } = await list(env, LINE_ITEMS_URL);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), MEDIA_TYPE.lineItemContainer);
    assert.deepEqual(body, []);
    assert.deepEqual(links, {});
  });

  it('lists in creation order, for a lineitem or a lineitem.readonly token (AGS-011)', async () => {
    const env = await createAgsPlatform();
    const first = await env.createLineItem({ label: 'One', scoreMaximum: 1 });
    env.clock.advance(1);
    const second = await env.createLineItem({ label: 'Two', scoreMaximum: 2, tag: 'final' });
    for (const scope of [SCOPE.lineItem, SCOPE.lineItemReadonly]) {
      const { body } = await list(env, LINE_ITEMS_URL, await env.token(TOOL_A.clientId, [scope]));
      assert.deepEqual(body, [first, second]);
    }
  });

  it('refuses a token of the score or results scope with 403 (AGS-011)', async () => {
    const env = await createAgsPlatform();
    for (const scope of [SCOPE.score, SCOPE.resultReadonly]) {
      const { response } = await list(env, LINE_ITEMS_URL, await env.token(TOOL_A.clientId, [scope]));
      assert.equal(response.status, 403);
    }
  });

  it('filters by resource_link_id, resource_id and tag together (AGS-030)', async () => {
    const env = await createAgsPlatform();
    const a = await env.createLineItem({ label: 'A', scoreMaximum: 1, resourceLinkId: 'rl-1', resourceId: 'quiz-1', tag: 'final' });
    const b = await env.createLineItem({ label: 'B', scoreMaximum: 1, resourceLinkId: 'rl-1', tag: 'draft' });
    const c = await env.createLineItem({ label: 'C', scoreMaximum: 1, resourceLinkId: 'rl-2', resourceId: 'quiz-1', tag: 'final' });
    const labels = async (query: string): Promise<string[]> => (await list(env, `${LINE_ITEMS_URL}?${query}`)).body.map((item) => item.label).sort();
    assert.deepEqual(await labels('resource_link_id=rl-1'), ['A', 'B']);
    assert.deepEqual(await labels('resource_id=quiz-1'), ['A', 'C']);
    assert.deepEqual(await labels('tag=final'), ['A', 'C']);
    assert.deepEqual(await labels('resource_link_id=rl-1&tag=final'), ['A']);
    assert.deepEqual(await labels('resource_link_id=rl-2&resource_id=quiz-1&tag=final'), ['C']);
    assert.deepEqual(await labels('resource_link_id=rl-1&tag=none'), []);
    assert.deepEqual(await labels('tag='), ['A', 'B', 'C'], 'an empty filter filters nothing');
    assert.ok(a && b && c);
  });

  it('pages with limit: Link rel="next" until the last page, rel="first" on every page (AGS-031)', async () => {
    const env = await createAgsPlatform();
    const created: Item[] = [];
    for (let index = 0; index < 5; index++) {
      created.push((await env.createLineItem({ label: `Item ${index}`, scoreMaximum: 1, tag: 'paged' })) as Item);
      if (index % 2 === 0) env.clock.advance(1);
    }
    await env.createLineItem({ label: 'Other tag', scoreMaximum: 1, tag: 'other' });
    const pages: Item[][] = [];
    let url: string | undefined = `${LINE_ITEMS_URL}?tag=paged&limit=2`;
    const seenLinks: Array<Record<string, string>> = [];
    while (url !== undefined) {
      const { response, body, links } = await list(env, url);
      assert.equal(response.status, 200);
      pages.push(body);
      seenLinks.push(links);
      url = links.next;
    }
    assert.deepEqual(pages.map((page) => page.length), [2, 2, 1]);
    assert.deepEqual(pages.flat().map((item) => item.id).sort(), created.map((item) => item.id).sort());
    // Links are absolute, keep the filters and the limit, and `first` leads back to the start.
    for (const links of seenLinks) assert.equal(links.first, `${LINE_ITEMS_URL}?tag=paged&limit=2`);
    const next = new URL(seenLinks[0]!.next!);
    assert.equal(next.origin + next.pathname, LINE_ITEMS_URL);
    assert.equal(next.searchParams.get('tag'), 'paged');
    assert.equal(next.searchParams.get('limit'), '2');
    assert.equal(seenLinks[2]!.next, undefined);
  });

  it('caps a page at maxPageSize and says there is more', async () => {
    const env = await createAgsPlatform({ ags: { maxPageSize: 2 } });
    for (let index = 0; index < 3; index++) await env.createLineItem({ label: `Item ${index}`, scoreMaximum: 1 });
    const { body, links } = await list(env, `${LINE_ITEMS_URL}?limit=500`);
    assert.equal(body.length, 2);
    assert.ok(links.next);
    const { body: rest, links: last } = await list(env, links.next);
    assert.equal(rest.length, 1);
    assert.equal(last.next, undefined);
  });

  it('refuses a limit that is not a positive whole number, a repeated filter and a forged cursor with 400', async () => {
    const env = await createAgsPlatform();
    for (const [query, code] of [
      ['limit=0', 'ERR_LTI_AGS_LIMIT_INVALID'],
      ['limit=-1', 'ERR_LTI_AGS_LIMIT_INVALID'],
      ['limit=2.5', 'ERR_LTI_AGS_LIMIT_INVALID'],
      ['limit=ten', 'ERR_LTI_AGS_LIMIT_INVALID'],
      ['tag=a&tag=b', 'ERR_LTI_AGS_QUERY_INVALID'],
      ['after=not-a-cursor', 'ERR_LTI_AGS_CURSOR_INVALID'],
    ]) {
      const response = await env.call('GET', `${LINE_ITEMS_URL}?${query}`, { token: await env.token() });
      assert.equal(response.status, 400, query);
      assert.equal(await errorCode(response), code);
    }
  });

  it('lists only the line items of the tool holding the token (AGS-012, TOK-016)', async () => {
    const env = await createAgsPlatform();
    const mine = await env.createLineItem({ label: 'A\u2019s', scoreMaximum: 1 });
    const theirs = await env.createLineItem({ label: 'B\u2019s', scoreMaximum: 1 }, await env.token(TOOL_B.clientId));
    assert.deepEqual((await list(env, LINE_ITEMS_URL)).body, [mine]);
    assert.deepEqual((await list(env, LINE_ITEMS_URL, await env.token(TOOL_B.clientId))).body, [theirs]);
    // Another context of the same tool holds none of them.
    assert.deepEqual((await list(env, LINE_ITEMS_URL.replace('ctx-1', 'ctx-2'))).body, []);
  });

  it('lists a deployment\u2019s own line items and those of no deployment', async () => {
    const env = await createAgsPlatform();
    const shared = await env.createLineItem({ label: 'Any deployment', scoreMaximum: 1 });
    const first = await env.createLineItem({ label: 'dep-a1', scoreMaximum: 1 }, await env.token(TOOL_A.clientId, [SCOPE.lineItem], 'dep-a1'));
    const second = await env.createLineItem({ label: 'dep-a2', scoreMaximum: 1 }, await env.token(TOOL_A.clientId, [SCOPE.lineItem], 'dep-a2'));
    const labels = async (token: string): Promise<string[]> => (await list(env, LINE_ITEMS_URL, token)).body.map((item) => item.label).sort();
    assert.deepEqual(await labels(await env.token(TOOL_A.clientId, [SCOPE.lineItem], 'dep-a1')), ['Any deployment', 'dep-a1']);
    assert.deepEqual(await labels(await env.token(TOOL_A.clientId, [SCOPE.lineItem], 'dep-a2')), ['Any deployment', 'dep-a2']);
    assert.deepEqual(await labels(await env.token()), ['Any deployment', 'dep-a1', 'dep-a2']);
    const crossed = await env.call('GET', first.id, { token: await env.token(TOOL_A.clientId, [SCOPE.lineItem], 'dep-a2') });
    assert.equal(crossed.status, 404);
    assert.ok(shared && second);
  });

  it('refuses an Accept header without the container media type with 406, and takes wildcards and plain JSON (AGS-013, AGS-014)', async () => {
    const env = await createAgsPlatform();
    for (const accept of [MEDIA_TYPE.lineItem, 'text/csv']) {
      const response = await env.call('GET', LINE_ITEMS_URL, { token: await env.token(), accept });
      assert.equal(response.status, 406, accept);
      assert.equal(await errorCode(response), 'ERR_LTI_AGS_ACCEPT_UNSUPPORTED');
    }
    for (const accept of ['*/*', 'application/*', 'application/json', `${MEDIA_TYPE.lineItemContainer};q=0.9, application/json`]) {
      const response = await env.call('GET', LINE_ITEMS_URL, { token: await env.token(), accept });
      assert.equal(response.status, 200, accept);
      assert.equal(response.headers.get('content-type')?.split(';')[0], MEDIA_TYPE.lineItemContainer);
    }
  });
});
