// BO-003, BO-008 (lti11.md §3): a correctly signed envelope that declares a DTD with an external
// entity (XXE) is refused unread — a POX `failure` naming ERR_LTI11_XML_DTD_REFUSED — the entity is
// never expanded and nothing is written.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertOutcomeAnswer, createLti11PlatformHarness } from '../support/lti11_harness.js';

it('refuses a DTD/entity declaration with a POX failure ERR_LTI11_XML_DTD_REFUSED, expanding nothing', async () => {
  const harness = await createLti11PlatformHarness();
  const { serviceUrl, sourcedId } = await harness.launch();
  const conforming = harness.envelope({ operation: 'replaceResult', sourcedId, score: 0.5 });
  const hostile = conforming
    .replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE imsx_POXEnvelopeRequest [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')
    .replace(/<imsx_messageIdentifier>[^<]*</, '<imsx_messageIdentifier>&xxe;<');
  assert.match(hostile, /<!DOCTYPE/);

  const response = await harness.send(serviceUrl, hostile);
  const answer = await assertOutcomeAnswer(response.clone(), { status: 200, codeMajor: 'failure', code: 'ERR_LTI11_XML_DTD_REFUSED' });
  assert.doesNotMatch(await response.text(), /root:/);
  assert.equal(answer.messageRefIdentifier, undefined, 'nothing of the refused body is echoed');
  assert.deepEqual(await harness.scores(), []);
});
