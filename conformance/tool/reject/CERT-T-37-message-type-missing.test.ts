// CERT-T-37 · "message_type Claim Missing" (certification.md §2): `lti:message_type` absent (VAL-013).
import { it } from 'node:test';
import { LTI_CLAIM } from 'ltikit/vocab';
import { assertRejectedWith } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('CERT-T-37 message_type Claim Missing: refused with ERR_LTI_MESSAGE_TYPE_MISSING', async () => {
  const harness = await createToolHarness();
  const { response } = await harness.launch('student', (payload) => {
    delete payload[LTI_CLAIM.messageType];
  });
  await assertRejectedWith(response, 'ERR_LTI_MESSAGE_TYPE_MISSING');
});
