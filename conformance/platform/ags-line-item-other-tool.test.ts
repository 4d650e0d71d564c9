// AGS-012, TOK-016: a line item of another tool in the same course is unknown to this tool: 404,
// whatever the operation, and nothing about it is revealed or changed.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { MEDIA_TYPE } from 'ltikit';
import { assertRejectedWith } from '../support/assertions.js';
import { OTHER_TOOL_CLIENT_ID, agsScore, createAgsHarness } from '../support/ags_harness.js';

it('answers 404 ERR_LTI_AGS_LINE_ITEM_UNKNOWN for another tool\u2019s line item', async () => {
  const harness = await createAgsHarness();
  const lineItemUrl = await harness.createLineItem();
  const other = await harness.token(OTHER_TOOL_CLIENT_ID);
  for (const [method, url, body, contentType] of [
    ['GET', lineItemUrl, undefined, undefined],
    ['PUT', lineItemUrl, { label: 'Taken over', scoreMaximum: 1 }, MEDIA_TYPE.lineItem],
    ['DELETE', lineItemUrl, undefined, undefined],
    ['POST', `${lineItemUrl}/scores`, agsScore('40899', 1), MEDIA_TYPE.score],
    ['GET', `${lineItemUrl}/results`, undefined, undefined],
  ] as const) {
    const response = await harness.send(method, url, { token: other, ...(body === undefined ? {} : { body, contentType }) });
    assert.equal(response.status, 404, `${method} ${url}`);
    await assertRejectedWith(response, 'ERR_LTI_AGS_LINE_ITEM_UNKNOWN');
  }
  assert.equal((await harness.send('GET', lineItemUrl)).status, 200);
});
