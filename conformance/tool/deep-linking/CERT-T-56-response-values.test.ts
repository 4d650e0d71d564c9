// CERT-T-56 · "Deep Linking – Affirm Response Values" (certification.md §3): what the validator
// receives matches what the tool sent — every item of every accepted type, with the spec's member
// names, and the messages — and the tool can show that payload (its observer sees the same claims).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { decodeJwt } from 'jose';
import type { LtiMessageEvent } from 'ltikit';
import type { ContentItem } from 'ltikit/tool';
import { DL_CLAIM, MESSAGE_TYPE } from 'ltikit/vocab';
import { launchDeepLinking } from '../../support/deep_linking_harness.js';
import { parseForm } from '../../support/platform_harness.js';
import { createToolHarness } from '../../support/tool_harness.js';

const ITEMS: ContentItem[] = [
  { type: 'link', url: 'https://tool.example.com/video/42', title: 'Intro video', iframe: { src: 'https://tool.example.com/embed/42', width: 640, height: 360 } },
  { type: 'file', url: 'https://tool.example.com/dl/worksheet.pdf', title: 'Worksheet', expiresAt: '2026-02-01T12:00:00Z' },
  { type: 'html', html: '<p>Read <b>chapter 2</b>.</p>', title: 'Reading note' },
  {
    type: 'ltiResourceLink',
    title: 'Cell quiz',
    text: 'Ten questions',
    url: 'https://tool.example.com/lti/launch',
    custom: { quiz_id: 'q-42' },
    window: { targetName: 'quiz', width: 1000, height: 800 },
  },
];

it('CERT-T-56 the items and messages received are the ones sent, and the tool sees the payload', async () => {
  const events: LtiMessageEvent[] = [];
  const harness = await createToolHarness({
    tool: { messageTypes: [MESSAGE_TYPE.LtiResourceLinkRequest, MESSAGE_TYPE.LtiDeepLinkingRequest], observer: (event) => events.push(event) },
  });
  const { response } = await launchDeepLinking(harness);
  assert.equal(response.status, 200);
  const page = await harness.tool.createDeepLinkingResponse(harness.lastLaunch(), structuredClone(ITEMS), { msg: '4 items added', log: 'cert run' });
  const payload = decodeJwt(parseForm(await page.text())?.fields.JWT ?? '');
  assert.deepEqual(payload[DL_CLAIM.contentItems], ITEMS);
  assert.equal(payload[DL_CLAIM.msg], '4 items added');
  assert.equal(payload[DL_CLAIM.log], 'cert run');

  const sent = events.find((event) => event.kind === 'deep_linking_response');
  assert.ok(sent, 'the tool’s observer saw the response');
  assert.equal(sent.outcome, 'accepted');
  assert.deepEqual(sent.claims?.[DL_CLAIM.contentItems], ITEMS);
  assert.equal(sent.claims?.[DL_CLAIM.data], payload[DL_CLAIM.data]);
});
