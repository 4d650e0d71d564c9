// The tool's line-item calls (`tool.ags`) against the real platform endpoints, no sockets: exact
// media types (AGS-014), scopes (AGS-011), URLs used as given (AGS-004), every page read (AGS-032);
// and what the client refuses to believe from a platform (AGS-014, AGS-021, AGS-032).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ServiceRequest } from '../../../src/tool/token/access_token_client.js';
import { iterateLineItems, listLineItems, getLineItem } from '../../../src/tool/ags/line_items.js';
import { MEDIA_TYPE } from '../../../src/vocab/media_types.js';
import { SCOPE } from '../../../src/vocab/scopes.js';
import { LINE_ITEMS_URL, TOOL_B } from '../../support/ags_platform.js';
import { rejectsLtiError } from '../../support/assert_lti_error.js';
import { createToolEnvironment } from './harness.js';

describe('tool.ags line items', () => {
  it('creates a line item with the exact media types and the lineitem scope, and gets back its id (AGS-021)', async () => {
    const { tool, target, requests, tokenScopes } = await createToolEnvironment();
    const created = await tool.ags.createLineItem(target, LINE_ITEMS_URL, { label: 'Quiz 1', scoreMaximum: 10, resourceLinkId: 'rl-1', 'https://example.com/ext': { a: 1 } });
    assert.match(created.id, new RegExp(`^${LINE_ITEMS_URL}/`));
    assert.deepEqual(created, { id: created.id, label: 'Quiz 1', scoreMaximum: 10, resourceLinkId: 'rl-1', 'https://example.com/ext': { a: 1 } });
    assert.equal(requests.length, 1);
    assert.equal(requests[0]!.method, 'POST');
    assert.equal(requests[0]!.headers.get('content-type'), MEDIA_TYPE.lineItem);
    assert.equal(requests[0]!.headers.get('accept'), MEDIA_TYPE.lineItem);
    assert.match(requests[0]!.headers.get('authorization') ?? '', /^Bearer /);
    assert.deepEqual(tokenScopes, [SCOPE.lineItem]);
  });

  it('checks the line item before sending anything (AGS-020)', async () => {
    const { tool, target, requests } = await createToolEnvironment();
    const error = await rejectsLtiError(tool.ags.createLineItem(target, LINE_ITEMS_URL, { label: 'Quiz', scoreMaximum: 0 }), 'ERR_LTI_AGS_LINE_ITEM_INVALID');
    assert.equal(error.detail?.field, 'scoreMaximum');
    assert.equal(requests.length, 0);
  });

  it('lists every line item across pages, with the filters appended to the URL as given (AGS-004, AGS-030, AGS-032)', async () => {
    const { tool, target, requests, tokenScopes } = await createToolEnvironment();
    const created = [];
    for (let index = 0; index < 5; index++) created.push(await tool.ags.createLineItem(target, LINE_ITEMS_URL, { label: `Q${index}`, scoreMaximum: 1, tag: 'unit-1' }));
    await tool.ags.createLineItem(target, LINE_ITEMS_URL, { label: 'Other', scoreMaximum: 1, tag: 'unit-2' });
    requests.length = 0;
    const listed = await tool.ags.listLineItems(target, `${LINE_ITEMS_URL}?dep=01`, { tag: 'unit-1', limit: 2 });
    assert.deepEqual(listed.map((item) => item.id).sort(), created.map((item) => item.id).sort());
    assert.equal(requests.length, 3);
    assert.equal(requests[0]!.url, `${LINE_ITEMS_URL}?dep=01&tag=unit-1&limit=2`);
    for (const request of requests) {
      assert.equal(request.method, 'GET');
      assert.equal(request.headers.get('accept'), MEDIA_TYPE.lineItemContainer);
    }
    assert.equal(tokenScopes.at(-1), SCOPE.lineItemReadonly);
  });

  it('iterates lazily: the next page is fetched only when the items read are used up', async () => {
    const { tool, target, requests } = await createToolEnvironment();
    for (let index = 0; index < 4; index++) await tool.ags.createLineItem(target, LINE_ITEMS_URL, { label: `Q${index}`, scoreMaximum: 1 });
    requests.length = 0;
    const seen: string[] = [];
    for await (const item of tool.ags.iterateLineItems(target, LINE_ITEMS_URL, { limit: 2 })) {
      seen.push(item.label);
      if (seen.length === 2) break;
    }
    assert.equal(seen.length, 2);
    assert.equal(requests.length, 1);
  });

  it('reads, replaces and deletes one line item by its id URL', async () => {
    const { tool, target, requests } = await createToolEnvironment();
    const created = await tool.ags.createLineItem(target, LINE_ITEMS_URL, { label: 'Quiz', scoreMaximum: 10 });
    assert.deepEqual(await tool.ags.getLineItem(target, created.id), created);
    const updated = await tool.ags.updateLineItem(target, created.id, { ...created, label: 'Quiz (final)', scoreMaximum: 20 });
    assert.deepEqual(updated, { id: created.id, label: 'Quiz (final)', scoreMaximum: 20 });
    const put = requests.find((request) => request.method === 'PUT')!;
    assert.equal(put.headers.get('content-type'), MEDIA_TYPE.lineItem);
    assert.equal(put.headers.get('accept'), MEDIA_TYPE.lineItem);
    await tool.ags.deleteLineItem(target, created.id);
    const error = await rejectsLtiError(tool.ags.getLineItem(target, created.id), 'ERR_LTI_SERVICE_REQUEST_FAILED');
    assert.equal(error.detail?.status, 404);
  });

  it('reads with the lineitem scope when asked, for tools granted no read-only scope (AGS-011)', async () => {
    const { env, tool, target, tokenScopes } = await createToolEnvironment({ clientId: 'tool-writer' });
    await env.platform.registerTool({
      clientId: 'tool-writer',
      name: 'Writer',
      initiateLoginUri: 'https://tool-writer.example.com/lti/login',
      redirectUris: ['https://tool-writer.example.com/lti/launch'],
      publicJwk: tool.keys === undefined ? undefined : (await tool.keys.jwks()).keys[0],
      scopes: [SCOPE.lineItem],
      deploymentIds: ['dep-x1'],
    });
    const created = await tool.ags.createLineItem(target, LINE_ITEMS_URL, { label: 'Quiz', scoreMaximum: 10 });
    const refused = await rejectsLtiError(tool.ags.listLineItems(target, LINE_ITEMS_URL), 'ERR_LTI_SERVICE_TOKEN_REFUSED');
    assert.equal(refused.detail?.error, 'invalid_scope');
    assert.deepEqual(await tool.ags.listLineItems(target, LINE_ITEMS_URL, { scope: SCOPE.lineItem }), [created]);
    assert.deepEqual(await tool.ags.getLineItem(target, created.id, { scope: SCOPE.lineItem }), created);
    assert.deepEqual(tokenScopes, [SCOPE.lineItem, SCOPE.lineItemReadonly]);
  });

  it('sees another tool\u2019s line item as missing (TOK-016)', async () => {
    const { env, tool, target } = await createToolEnvironment();
    const theirs = await env.createLineItem({ label: 'B\u2019s', scoreMaximum: 1 }, await env.token(TOOL_B.clientId));
    const error = await rejectsLtiError(tool.ags.getLineItem(target, theirs.id), 'ERR_LTI_SERVICE_REQUEST_FAILED');
    assert.equal(error.detail?.status, 404);
  });

  it('refuses a limit that is not a positive whole number before sending', async () => {
    const { tool, target, requests } = await createToolEnvironment();
    await rejectsLtiError(tool.ags.listLineItems(target, LINE_ITEMS_URL, { limit: 0 }), 'ERR_LTI_AGS_LIMIT_INVALID');
    assert.equal(requests.length, 0);
  });
});

describe('tool.ags answers it does not believe', () => {
  const answering =
    (...responses: Array<() => Response>) =>
    async (_request: ServiceRequest): Promise<Response> =>
      responses.shift()!();
  const container = (body: unknown, headers: Record<string, string> = {}) => () =>
    new Response(JSON.stringify(body), { headers: { 'content-type': MEDIA_TYPE.lineItemContainer, ...headers } });

  it('accepts the media type with a charset, or plain JSON, and fills nothing in (AGS-014)', async () => {
    const item = { id: `${LINE_ITEMS_URL}/1`, label: 'Quiz', scoreMaximum: 1, tag: null };
    const call = answering(
      () => new Response(JSON.stringify([item]), { headers: { 'content-type': `${MEDIA_TYPE.lineItemContainer}; charset=utf-8` } }),
      () => new Response(JSON.stringify(item), { headers: { 'content-type': 'application/json' } }),
    );
    assert.deepEqual(await listLineItems(call, LINE_ITEMS_URL), [{ id: item.id, label: 'Quiz', scoreMaximum: 1 }]);
    assert.deepEqual(await getLineItem(call, item.id), { id: item.id, label: 'Quiz', scoreMaximum: 1 });
  });

  it('refuses another media type, a body that is not JSON, an object for a container, and a line item without id (ERR_LTI_AGS_RESPONSE_INVALID)', async () => {
    for (const response of [
      () => new Response('<html></html>', { headers: { 'content-type': 'text/html' } }),
      () => new Response('[{', { headers: { 'content-type': MEDIA_TYPE.lineItemContainer } }),
      container({ lineItems: [] }),
      container([{ label: 'Quiz', scoreMaximum: 1 }]),
      container([{ id: 'x', label: 'Quiz', scoreMaximum: '1' }]),
    ]) {
      await rejectsLtiError(listLineItems(answering(response), LINE_ITEMS_URL), 'ERR_LTI_AGS_RESPONSE_INVALID');
    }
  });

  it('follows relative next links, but never to another origin, and stops a loop (AGS-032, TOK-020)', async () => {
    const item = (id: string) => ({ id: `${LINE_ITEMS_URL}/${id}`, label: id, scoreMaximum: 1 });
    const urls: string[] = [];
    const recording = (responses: Array<() => Response>) => async (request: ServiceRequest) => {
      urls.push(request.url);
      return responses.shift()!();
    };
    const items = await listLineItems(recording([container([item('1')], { link: '<?page=2>; rel="next"' }), container([item('2')])]), LINE_ITEMS_URL);
    assert.deepEqual(items.map((entry) => entry.label), ['1', '2']);
    assert.deepEqual(urls, [LINE_ITEMS_URL, `${LINE_ITEMS_URL}?page=2`]);
    await rejectsLtiError(
      listLineItems(answering(container([item('1')], { link: '<https://attacker.example/steal>; rel="next"' })), LINE_ITEMS_URL),
      'ERR_LTI_AGS_LINK_UNTRUSTED',
    );
    await rejectsLtiError(
      listLineItems(answering(container([item('1')], { link: `<${LINE_ITEMS_URL}?p=2>; rel="next"` }), container([item('2')], { link: `<${LINE_ITEMS_URL}?p=2>; rel="next"` })), LINE_ITEMS_URL),
      'ERR_LTI_AGS_PAGING_LOOP',
    );
  });

  it('reads nothing more than asked: iterateLineItems is lazy', async () => {
    let calls = 0;
    const call = async () => {
      calls += 1;
      return container([{ id: 'a', label: 'a', scoreMaximum: 1 }], { link: `<${LINE_ITEMS_URL}?p=${calls + 1}>; rel="next"` })();
    };
    for await (const item of iterateLineItems(call, LINE_ITEMS_URL)) {
      assert.equal(item.id, 'a');
      break;
    }
    assert.equal(calls, 1);
  });
});
