// AGS-011, TOK-021: a token of the lineitem.readonly scope reads line items but may not create
// one, and a lineitem token may not post scores: 403 insufficient_scope.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { MEDIA_TYPE, SCOPE } from 'ltikit';
import { assertRejectedWith } from '../support/assertions.js';
import { LINE_ITEMS_URL, agsScore, createAgsHarness } from '../support/ags_harness.js';
import { TOOL_CLIENT_ID } from '../support/platform_harness.js';

it('refuses writes beyond the token\u2019s scope with 403 ERR_LTI_ACCESS_TOKEN_SCOPE_INSUFFICIENT', async () => {
  const harness = await createAgsHarness();
  const lineItemUrl = await harness.createLineItem();
  const readOnly = await harness.token(TOOL_CLIENT_ID, [SCOPE.lineItemReadonly]);
  assert.equal((await harness.send('GET', LINE_ITEMS_URL, { token: readOnly })).status, 200);
  const create = await harness.send('POST', LINE_ITEMS_URL, { token: readOnly, body: { label: 'Quiz', scoreMaximum: 1 }, contentType: MEDIA_TYPE.lineItem });
  assert.equal(create.status, 403);
  assert.equal(create.headers.get('www-authenticate'), 'Bearer error="insufficient_scope"');
  await assertRejectedWith(create, 'ERR_LTI_ACCESS_TOKEN_SCOPE_INSUFFICIENT');
  const lineItemToken = await harness.token(TOOL_CLIENT_ID, [SCOPE.lineItem]);
  const score = await harness.send('POST', `${lineItemUrl}/scores`, { token: lineItemToken, body: agsScore('40899', 1), contentType: MEDIA_TYPE.score });
  assert.equal(score.status, 403);
  await assertRejectedWith(score, 'ERR_LTI_ACCESS_TOKEN_SCOPE_INSUFFICIENT');
});
