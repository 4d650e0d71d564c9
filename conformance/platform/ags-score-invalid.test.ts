// AGS-049: a score with an unknown gradingProgress, or scoreGiven without scoreMaximum, is refused
// with 400, the field named.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { MEDIA_TYPE } from 'ltikit';
import { assertRejectedWith } from '../support/assertions.js';
import { agsScore, createAgsHarness } from '../support/ags_harness.js';

it('refuses invalid score fields with 400 ERR_LTI_AGS_SCORE_INVALID', async () => {
  const harness = await createAgsHarness();
  const lineItemUrl = await harness.createLineItem();
  for (const [body, field] of [
    [agsScore('40899', 1, { gradingProgress: 'Graded' }), 'gradingProgress'],
    [agsScore('40899', 1, { scoreMaximum: undefined }), 'scoreMaximum'],
    [agsScore('40899', 1, { timestamp: '2026-01-01 12:00:01' }), 'timestamp'],
  ] as const) {
    const response = await harness.send('POST', `${lineItemUrl}/scores`, { body, contentType: MEDIA_TYPE.score });
    assert.equal(response.status, 400);
    assert.equal(((await response.clone().json()) as { detail: { field: string } }).detail.field, field);
    await assertRejectedWith(response, 'ERR_LTI_AGS_SCORE_INVALID');
  }
});
