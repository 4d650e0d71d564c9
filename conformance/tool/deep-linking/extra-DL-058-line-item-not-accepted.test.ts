// Extra negative case (DL-058): with `accept_lineitem` false the platform ignores line items, so the
// tool refuses to send an ltiResourceLink that carries one.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isLtiError } from 'ltikit/errors';
import { DL_CLAIM } from 'ltikit/vocab';
import { createDeepLinkingToolHarness, launchDeepLinking } from '../../support/deep_linking_harness.js';

it('a lineItem under accept_lineitem false is refused with ERR_LTI_DL_LINE_ITEM_NOT_ACCEPTED', async () => {
  const harness = await createDeepLinkingToolHarness();
  await launchDeepLinking(harness, (payload) => {
    (payload[DL_CLAIM.deepLinkingSettings] as Record<string, unknown>).accept_lineitem = false;
  });
  await assert.rejects(
    harness.tool.createDeepLinkingResponse(harness.lastLaunch(), [{ type: 'ltiResourceLink', title: 'Graded', lineItem: { scoreMaximum: 10 } }]),
    (error) => isLtiError(error, 'ERR_LTI_DL_LINE_ITEM_NOT_ACCEPTED'),
  );
});
