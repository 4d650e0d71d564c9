// L11-002 (lti11.md §1.1, §4): the launch endpoint takes `basic-lti-launch-request` only; a
// correctly signed Content-Item selection request, or a 1.3 message type, is refused with
// ERR_LTI11_MESSAGE_TYPE_UNSUPPORTED.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { baselineLaunchFields, createLti11ToolHarness } from '../../support/lti11_harness.js';

for (const messageType of ['ContentItemSelectionRequest', 'LtiResourceLinkRequest']) {
  it(`refuses lti_message_type ${messageType} with ERR_LTI11_MESSAGE_TYPE_UNSUPPORTED`, async () => {
    const harness = await createLti11ToolHarness();
    const body = await harness.signedLaunch({ fields: { ...baselineLaunchFields(), lti_message_type: messageType } });
    await assertRejectedWith(await harness.post(body), 'ERR_LTI11_MESSAGE_TYPE_UNSUPPORTED');
    assert.equal(harness.launches.length, 0);
  });
}
