// Extra negative case (VAL-013): a `message_type` this endpoint does not handle. The tool is
// configured for `LtiResourceLinkRequest` only (the default), so a Deep Linking request or an
// invented type is refused.
import { it } from 'node:test';
import { LTI_CLAIM, MESSAGE_TYPE } from 'ltikit/vocab';
import { assertRejectedWith } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

for (const messageType of [MESSAGE_TYPE.LtiDeepLinkingRequest, 'LtiBogusRequest']) {
  it(`message_type ${messageType} is refused with ERR_LTI_MESSAGE_TYPE_UNSUPPORTED`, async () => {
    const harness = await createToolHarness();
    const { response } = await harness.launch('instructor', (payload) => {
      payload[LTI_CLAIM.messageType] = messageType;
    });
    await assertRejectedWith(response, 'ERR_LTI_MESSAGE_TYPE_UNSUPPORTED');
  });
}
