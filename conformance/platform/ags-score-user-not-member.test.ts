// AGS-040: scores are for the course's members only; the platform refuses anyone else's.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { MEDIA_TYPE } from 'ltikit';
import { assertRejectedWith } from '../support/assertions.js';
import { agsScore, createAgsHarness } from '../support/ags_harness.js';

it('refuses a score for a user who is not a member with 400 ERR_LTI_AGS_SCORE_USER_NOT_MEMBER', async () => {
  const harness = await createAgsHarness();
  const lineItemUrl = await harness.createLineItem();
  const response = await harness.send('POST', `${lineItemUrl}/scores`, { body: agsScore('not-enrolled', 1), contentType: MEDIA_TYPE.score });
  assert.equal(response.status, 400);
  await assertRejectedWith(response, 'ERR_LTI_AGS_SCORE_USER_NOT_MEMBER');
});
