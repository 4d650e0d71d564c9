// Extra negative case (DL-011, DL-040): the certification request accepts link, file, html and
// ltiResourceLink — not image. The tool refuses to build a response with an image, before signing.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isLtiError } from 'ltikit/errors';
import { createDeepLinkingToolHarness, launchDeepLinking } from '../../support/deep_linking_harness.js';

it('an image item is refused with ERR_LTI_DL_CONTENT_ITEM_TYPE_NOT_ACCEPTED', async () => {
  const harness = await createDeepLinkingToolHarness();
  await launchDeepLinking(harness);
  await assert.rejects(
    harness.tool.createDeepLinkingResponse(harness.lastLaunch(), [{ type: 'image', url: 'https://tool.example.com/i.png' }]),
    (error) => isLtiError(error, 'ERR_LTI_DL_CONTENT_ITEM_TYPE_NOT_ACCEPTED'),
  );
});
