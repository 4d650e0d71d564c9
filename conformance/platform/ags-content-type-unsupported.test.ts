// AGS-013, AGS-014: a score or line item sent as plain JSON, not with its AGS media type: 415.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertRejectedWith } from '../support/assertions.js';
import { LINE_ITEMS_URL, agsScore, createAgsHarness } from '../support/ags_harness.js';

it('refuses application/json bodies with 415 ERR_LTI_AGS_CONTENT_TYPE_UNSUPPORTED', async () => {
  const harness = await createAgsHarness();
  const lineItemUrl = await harness.createLineItem();
  const score = await harness.send('POST', `${lineItemUrl}/scores`, { body: agsScore('40899', 1), contentType: 'application/json' });
  assert.equal(score.status, 415);
  await assertRejectedWith(score, 'ERR_LTI_AGS_CONTENT_TYPE_UNSUPPORTED');
  const lineItem = await harness.send('POST', LINE_ITEMS_URL, { body: { label: 'Quiz', scoreMaximum: 1 }, contentType: 'application/json' });
  assert.equal(lineItem.status, 415);
  await assertRejectedWith(lineItem, 'ERR_LTI_AGS_CONTENT_TYPE_UNSUPPORTED');
});
