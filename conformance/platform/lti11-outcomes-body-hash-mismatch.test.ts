// BO-002, BO-003, BO-009 (lti11.md §3): a body that is not the one `oauth_body_hash` signed (changed
// after signing: a score raised from 0.1 to 1) fails authentication — HTTP 401 with a POX `failure`
// naming ERR_LTI11_BODY_HASH_MISMATCH — and nothing is written.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertOutcomeAnswer, createLti11PlatformHarness } from '../support/lti11_harness.js';

it('refuses a changed body with 401 and a POX failure ERR_LTI11_BODY_HASH_MISMATCH, writing nothing', async () => {
  const harness = await createLti11PlatformHarness();
  const { serviceUrl, sourcedId } = await harness.launch();
  const signed = harness.envelope({ operation: 'replaceResult', sourcedId, score: 0.1 });
  const sent = signed.replace('<textString>0.1</textString>', '<textString>1</textString>');
  assert.notEqual(sent, signed);

  const response = await harness.send(serviceUrl, sent, { signedBody: signed });
  assert.match(response.headers.get('www-authenticate') ?? '', /^OAuth realm=/);
  await assertOutcomeAnswer(response, { status: 401, codeMajor: 'failure', code: 'ERR_LTI11_BODY_HASH_MISMATCH' });
  assert.deepEqual(await harness.scores(), []);
});
