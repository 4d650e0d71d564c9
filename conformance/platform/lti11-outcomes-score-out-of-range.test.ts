// BO-006, BO-007 (lti11.md §3): a replaceResult whose `textString` is not a plain decimal from 0.0 to
// 1.0 — 1.5, -0.1, an exponent, not a number — is answered with a POX `failure` (HTTP 200, BO-009)
// naming ERR_LTI11_OUTCOME_SCORE_INVALID, referring to the request, and nothing is written.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertOutcomeAnswer, createLti11PlatformHarness } from '../support/lti11_harness.js';

for (const textString of ['1.5', '-0.1', '5e-1', 'ninety']) {
  it(`answers textString ${textString} with a POX failure ERR_LTI11_OUTCOME_SCORE_INVALID, writing nothing`, async () => {
    const harness = await createLti11PlatformHarness();
    const { serviceUrl, sourcedId } = await harness.launch();
    const xml = harness
      .envelope({ messageIdentifier: 'msg-score', operation: 'replaceResult', sourcedId, score: 0.5 })
      .replace('<textString>0.5</textString>', `<textString>${textString}</textString>`);
    assert.match(xml, new RegExp(`<textString>${textString}</textString>`));

    const answer = await assertOutcomeAnswer(await harness.send(serviceUrl, xml), { status: 200, codeMajor: 'failure', code: 'ERR_LTI11_OUTCOME_SCORE_INVALID' });
    assert.deepEqual([answer.messageRefIdentifier, answer.operationRefIdentifier], ['msg-score', 'replaceResult']);
    assert.deepEqual(await harness.scores(), []);
  });
}
