// L11-005, BO-005 (lti11.md §3): the validator, with its own valid signature, sends a grade for a
// `lis_result_sourcedid` the platform issued to another tool's launch: a POX `failure` (HTTP 200,
// BO-009) naming ERR_LTI11_OUTCOME_FORBIDDEN — a tool never grades another tool's link — and
// nothing is written.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertOutcomeAnswer, createLti11PlatformHarness } from '../support/lti11_harness.js';

it('answers a sourcedId of another tool with a POX failure ERR_LTI11_OUTCOME_FORBIDDEN, writing nothing', async () => {
  const harness = await createLti11PlatformHarness();
  const { serviceUrl } = await harness.launch();
  const other = await harness.launch('other');

  for (const operation of ['replaceResult', 'readResult', 'deleteResult'] as const) {
    const xml = harness.envelope({ operation, sourcedId: other.sourcedId, ...(operation === 'replaceResult' ? { score: 1 } : {}) });
    const answer = await assertOutcomeAnswer(await harness.send(serviceUrl, xml), { status: 200, codeMajor: 'failure', code: 'ERR_LTI11_OUTCOME_FORBIDDEN' });
    assert.equal(answer.operationRefIdentifier, operation);
  }
  assert.deepEqual(await harness.scores(), []);
});
