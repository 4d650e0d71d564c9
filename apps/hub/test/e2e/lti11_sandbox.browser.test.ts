// An LTI 1.1 tool in the sandbox, in Chromium: registered by key and secret, its link opened by a
// learner shows the tool in the course page's frame (the hub's signed auto-submitting form, under
// its Content-Security-Policy, posted to the tool, which checks the signature); the grade the tool
// then reports through Basic Outcomes is in the instructor's gradebook.
//
// Needs Debian's Chromium (/usr/bin/chromium); skipped outside CI when it is missing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestChromium, skipWithoutChromium, startChromium } from '../support/chromium.js';
import { type TestHub, startTestHub } from '../support/hub.js';
import { type Lti11TestTool, outcomeXml, postOutcome, startLti11TestTool } from '../support/lti11_tool.js';

const COURSE_PATH = '/courses/course-lti101';

describe('an LTI 1.1 tool in the sandbox, in Chromium', { skip: skipWithoutChromium }, () => {
  let hub: TestHub;
  let browser: TestChromium;
  let tool: Lti11TestTool;

  before(async () => {
    [hub, browser, tool] = await Promise.all([
      startTestHub(),
      startChromium({ timeoutMs: 10_000 }),
      startLti11TestTool(),
    ]);
  });
  after(async () => {
    await browser?.close();
    await tool?.close();
    await hub?.stop();
  });

  it('a learner launches it in the frame, and the grade it reports reaches the gradebook', async () => {
    const response = await fetch(`${hub.origin}/api/admin/lti11-tools`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Legacy quiz', launch_url: tool.launchUrl, link_title: 'Legacy quiz' }),
    });
    const added = (await response.json()) as { consumer_key: string; secret: string };
    tool.trust(added.secret);

    const page = await browser.freshPage();
    await page.goto(`${hub.origin}${COURSE_PATH}`);
    await page.locator('#members button[data-person="barbara"]').click();
    await page.locator('header .who', { hasText: 'Barbara Liskov' }).waitFor();
    await page.locator('#links tr', { has: page.getByRole('cell', { name: 'Legacy quiz', exact: true }) }).locator('a.launch').click();
    const frame = page.frameLocator('#tool-frame');
    await frame.locator('#launched').waitFor();
    assert.equal(await frame.locator('#user').textContent(), 'person-barbara');
    const launch = tool.launches.at(-1)!;
    assert.equal(launch.signatureValid, true);

    const reported = await postOutcome(launch.fields.get('lis_outcome_service_url')!, outcomeXml('replaceResult', launch.fields.get('lis_result_sourcedid')!, '0.6'), { key: added.consumer_key, secret: added.secret });
    assert.match(reported.xml, /<imsx_codeMajor>success<\/imsx_codeMajor>/);

    const teacher = await browser.freshPage();
    await teacher.goto(`${hub.origin}${COURSE_PATH}`);
    await teacher.locator('#members button[data-person="ada"]').click();
    await teacher.locator('header .who', { hasText: 'Ada Lovelace' }).waitFor();
    await teacher.goto(`${hub.origin}${COURSE_PATH}/gradebook`);
    assert.equal((await teacher.locator('td.grade[data-person="barbara"]').textContent())?.trim(), '0.6 / 1');
  });
});
