// AGS-041, AGS-042: a score whose timestamp is not later than the stored one for the same learner
// and line item does not replace it: 409 Conflict.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { MEDIA_TYPE } from 'ltikit';
import { assertRejectedWith } from '../support/assertions.js';
import { agsScore, createAgsHarness } from '../support/ags_harness.js';

it('refuses an older or equal timestamp with 409 ERR_LTI_AGS_SCORE_STALE', async () => {
  const harness = await createAgsHarness();
  const lineItemUrl = await harness.createLineItem();
  assert.equal((await harness.send('POST', `${lineItemUrl}/scores`, { body: agsScore('40899', 30, { scoreGiven: 90 }), contentType: MEDIA_TYPE.score })).status, 204);
  for (const second of [29, 30]) {
    const response = await harness.send('POST', `${lineItemUrl}/scores`, { body: agsScore('40899', second, { scoreGiven: 10 }), contentType: MEDIA_TYPE.score });
    assert.equal(response.status, 409);
    await assertRejectedWith(response, 'ERR_LTI_AGS_SCORE_STALE');
  }
  const results = (await (await harness.send('GET', `${lineItemUrl}/results`)).json()) as Array<{ resultScore: number }>;
  assert.equal(results[0]?.resultScore, 90);
});
