// BO-003..BO-008 (lti11.md §3): the validator, as a 1.1 tool, sends replaceResult, readResult and
// deleteResult for the learner of its launch, signed with the shared secret and `oauth_body_hash`:
// each is answered `success` referring to its request, and the grade round-trips — the control
// case the refusals below bend one thing of.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseOutcomeResponse } from 'ltikit/messages';
import { LEARNER_ID, createLti11PlatformHarness } from '../support/lti11_harness.js';

it('answers replaceResult, readResult and deleteResult with success, the grade stored and removed', async () => {
  const harness = await createLti11PlatformHarness();
  const { serviceUrl, sourcedId } = await harness.launch();
  const call = async (xml: string) => {
    const response = await harness.send(serviceUrl, xml);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/xml/);
    return parseOutcomeResponse(await response.text());
  };

  const replaced = await call(harness.envelope({ messageIdentifier: 'msg-replace', operation: 'replaceResult', sourcedId, score: 0.79 }));
  assert.deepEqual([replaced.codeMajor, replaced.messageRefIdentifier, replaced.operationRefIdentifier], ['success', 'msg-replace', 'replaceResult']);
  assert.deepEqual((await harness.scores()).map((score) => [score.userId, score.scoreGiven]), [[LEARNER_ID, 0.79]]);
  const read = await call(harness.envelope({ operation: 'readResult', sourcedId }));
  assert.deepEqual([read.codeMajor, read.score], ['success', 0.79]);
  assert.equal((await call(harness.envelope({ operation: 'deleteResult', sourcedId }))).codeMajor, 'success');
  assert.equal((await call(harness.envelope({ operation: 'readResult', sourcedId }))).score, null, 'an empty textString once deleted (BO-008)');
});
