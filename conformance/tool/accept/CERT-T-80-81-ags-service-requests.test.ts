// CERT-T-80..8x (AGS-004, AGS-010, AGS-014, TOK-020): the tool calls AGS through `tool.ags`. The
// certification platform checks that each request arrives with the exact media type (line item
// container, line item, score, result container), a valid Bearer token bound to the tool and its
// deployment, and the operation's scope. Our own platform plays the certification platform,
// through `platform.fetch` (no socket).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { MEDIA_TYPE, SCOPE } from 'ltikit';
import { LINE_ITEMS_URL, createAgsHarness } from '../../support/ags_harness.js';
import { assertServiceGrant, createServiceTool } from '../../support/service_harness.js';

it('the tool sends every AGS request with its exact media type and a valid token of the operation\u2019s scope', async () => {
  const harness = await createAgsHarness();
  const { tool, received, target } = await createServiceTool(harness, (path) => path.includes('/lineitems'));

  const lineItem = await tool.ags.createLineItem(target, LINE_ITEMS_URL, { label: 'Introduction Assignment', scoreMaximum: 100 });
  assert.deepEqual((await tool.ags.listLineItems(target, LINE_ITEMS_URL)).map((item) => item.id), [lineItem.id]);
  await tool.ags.submitScore(target, lineItem.id, { userId: '40899', timestamp: '2026-01-01T12:00:00.000Z', scoreGiven: 87, scoreMaximum: 100, activityProgress: 'Completed', gradingProgress: 'FullyGraded' });
  assert.deepEqual((await tool.ags.listResults(target, lineItem.id)).map((result) => [result.userId, result.resultScore]), [['40899', 87]]);

  const expected: Array<[string, string, { accept?: string; contentType?: string }, string]> = [
    ['POST', LINE_ITEMS_URL, { accept: MEDIA_TYPE.lineItem, contentType: MEDIA_TYPE.lineItem }, SCOPE.lineItem],
    ['GET', LINE_ITEMS_URL, { accept: MEDIA_TYPE.lineItemContainer }, SCOPE.lineItemReadonly],
    ['POST', `${lineItem.id}/scores`, { contentType: MEDIA_TYPE.score }, SCOPE.score],
    ['GET', `${lineItem.id}/results`, { accept: MEDIA_TYPE.resultContainer }, SCOPE.resultReadonly],
  ];
  assert.equal(received.length, expected.length);
  for (const [index, [method, url, media, scope]] of expected.entries()) {
    const request = received[index]!;
    assert.equal(request.method, method);
    assert.equal(request.url, url);
    if (media.accept !== undefined) assert.equal(request.headers.get('accept'), media.accept);
    if (media.contentType !== undefined) assert.equal(request.headers.get('content-type'), media.contentType);
    await assertServiceGrant(harness.platform, request, scope);
  }
});
