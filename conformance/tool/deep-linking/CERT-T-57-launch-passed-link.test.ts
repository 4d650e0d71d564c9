// CERT-T-57 · "(OPTIONAL) Deep Linking – Core Launch of Passed LTI Link" (certification.md §3): the
// validator launches, as a learner, the ltiResourceLink the tool returned: `target_link_uri` = the
// item's `url`, `lti:custom` = its `custom` (DL-059). The tool accepts it and sees those values.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { decodeJwt } from 'jose';
import { DL_CLAIM, LTI_CLAIM } from 'ltikit/vocab';
import { assertLaunched } from '../../support/assertions.js';
import { launchDeepLinking, createDeepLinkingToolHarness } from '../../support/deep_linking_harness.js';
import { parseForm } from '../../support/platform_harness.js';
import { baselinePayload, STUDENT_SUB, TOOL_BASE_URL } from '../../support/tool_harness.js';

it('CERT-T-57 the returned ltiResourceLink launches with its url and custom parameters', async () => {
  const harness = await createDeepLinkingToolHarness();
  await launchDeepLinking(harness);
  const itemUrl = `${TOOL_BASE_URL}/launch?activity=cell-quiz`;
  const page = await harness.tool.createDeepLinkingResponse(harness.lastLaunch(), [
    { type: 'ltiResourceLink', title: 'Cell quiz', url: itemUrl, custom: { quiz_id: 'q-42' } },
  ]);
  const [item] = decodeJwt(parseForm(await page.text())?.fields.JWT ?? '')[DL_CLAIM.contentItems] as { url: string; custom: Record<string, string> }[];
  assert.ok(item);

  // The validator, now the platform launching the created link as a learner.
  const login = await harness.login({ parameters: { login_hint: STUDENT_SUB, target_link_uri: item.url } });
  const payload = baselinePayload('student', login.nonce, harness.clock.now());
  payload[LTI_CLAIM.targetLinkUri] = item.url;
  payload[LTI_CLAIM.custom] = item.custom;
  payload[LTI_CLAIM.resourceLink] = { id: 'created-by-validator-1', title: 'Cell quiz' };
  const response = await harness.postLaunch({ idToken: await harness.sign(payload), state: login.state, cookie: login.cookie });
  await assertLaunched(response);
  const launch = harness.lastLaunch();
  assert.equal(launch.messageType, 'LtiResourceLinkRequest');
  assert.equal(launch.targetLinkUri, itemUrl);
  assert.deepEqual(launch.custom, { quiz_id: 'q-42' });
  assert.equal(launch.resourceLink?.id, 'created-by-validator-1');
});
