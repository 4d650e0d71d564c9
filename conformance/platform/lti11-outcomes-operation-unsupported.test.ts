// BO-008 (lti11.md §3): an operation other than replaceResult, readResult and deleteResult — here
// the LIS `readPersonRequest`, correctly signed — is answered `unsupported` (HTTP 200, BO-009)
// naming ERR_LTI11_OUTCOME_OPERATION_UNSUPPORTED, and nothing is written.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertOutcomeAnswer, createLti11PlatformHarness } from '../support/lti11_harness.js';

it('answers an unknown operation with imsx_codeMajor unsupported, ERR_LTI11_OUTCOME_OPERATION_UNSUPPORTED', async () => {
  const harness = await createLti11PlatformHarness();
  const { serviceUrl, sourcedId } = await harness.launch();
  const xml = harness.envelope({ messageIdentifier: 'msg-person', operation: 'readResult', sourcedId }).replace(/readResultRequest/g, 'readPersonRequest');
  assert.match(xml, /<readPersonRequest>/);

  const answer = await assertOutcomeAnswer(await harness.send(serviceUrl, xml), { status: 200, codeMajor: 'unsupported', code: 'ERR_LTI11_OUTCOME_OPERATION_UNSUPPORTED' });
  assert.equal(answer.messageRefIdentifier, 'msg-person');
  assert.deepEqual(await harness.scores(), []);
});
