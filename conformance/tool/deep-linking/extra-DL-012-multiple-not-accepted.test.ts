// Extra negative case (DL-012): with `accept_multiple` false, the tool refuses to send two items.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isLtiError } from 'ltikit/errors';
import { DL_CLAIM } from 'ltikit/vocab';
import { createDeepLinkingToolHarness, launchDeepLinking } from '../../support/deep_linking_harness.js';

it('two items under accept_multiple false are refused with ERR_LTI_DL_MULTIPLE_NOT_ACCEPTED', async () => {
  const harness = await createDeepLinkingToolHarness();
  await launchDeepLinking(harness, (payload) => {
    (payload[DL_CLAIM.deepLinkingSettings] as Record<string, unknown>).accept_multiple = false;
  });
  await assert.rejects(
    harness.tool.createDeepLinkingResponse(harness.lastLaunch(), [
      { type: 'ltiResourceLink', title: 'One' },
      { type: 'ltiResourceLink', title: 'Two' },
    ]),
    (error) => isLtiError(error, 'ERR_LTI_DL_MULTIPLE_NOT_ACCEPTED'),
  );
});
