// "Add a tool by its registration URL" in a real browser: the admin pastes the demo tool's
// registration URL; the hub opens it in a frame (DR-001); the demo tool registers itself and posts
// `org.imsglobal.lti.close`; the hub's page, listening to that frame only (DR-041, DR-042), removes
// it and shows the review screen; the admin unticks a claim and enables the tool (DR-034), which
// deploys it in the sandbox course; the instructor launches the new link and sees the demo tool.
// Also: a close message from anywhere but the frame is ignored. Writes
// docs/hub/screenshots/registration-review.png.
//
// Needs Debian's Chromium (/usr/bin/chromium; .ci/run installs it). Outside CI the test is skipped
// when it is missing; in CI it must run.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { startChromium, skipWithoutChromium, type TestChromium } from '../support/chromium.js';
import { startTestHub, type TestHub } from '../support/hub.js';

const SCREENSHOTS = fileURLToPath(new URL('../../../../docs/hub/screenshots/', import.meta.url));
const WAIT_MS = 15_000;

describe('Dynamic Registration in the hub, in Chromium', { skip: skipWithoutChromium }, () => {
  let hub: TestHub;
  let browser: TestChromium;

  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    [hub, browser] = await Promise.all([startTestHub(), startChromium({ viewport: { width: 1280, height: 900 }, timeoutMs: WAIT_MS })]);
  });

  after(async () => {
    await browser?.close();
    await hub?.stop();
  });

  const freshPage = (): Promise<Page> => browser.freshPage();

  /** Signs the page in as `username` (whose full name is `name`) from the home page. */
  async function signInAs(page: Page, username: string, name: string): Promise<void> {
    await page.goto(`${hub.origin}/`);
    await page.locator(`button[data-person="${username}"]`).click();
    await page.locator('header .who', { hasText: name }).waitFor();
  }

  it('pastes the URL, the tool registers in the frame, the admin reviews and enables it, and the instructor launches it', async () => {
    const page = await freshPage();
    await signInAs(page, 'ada', 'Ada Lovelace');
    await page.goto(`${hub.origin}/admin/tools`);
    await page.locator('#registration-url').fill(`${hub.origin}/demo-tool/register`);
    const framed: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame()) framed.push(frame.url());
    });
    await page.locator('#registration-form button[type="submit"]').click();

    // The tool closes the frame; the hub goes on to the review screen.
    await page.locator('#review-title').waitFor();
    assert.equal(await page.locator('#registration-frame').count(), 0);
    assert.ok(
      framed.some((url) => url.startsWith(`${hub.origin}/demo-tool/register?openid_configuration=`) && url.includes('registration_token=')),
      `frames: ${framed.join(' ')}`,
    );
    assert.match(page.url(), /\/admin\/tools\/[^/]+$/);
    assert.equal(await page.locator('#review-title').textContent(), 'Review: ltikit demo quiz');
    const clientId = (await page.locator('#client-id').textContent()) ?? '';
    assert.notEqual(clientId, '');
    const claims = await page.locator('input[name="claim"]').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    assert.deepEqual(claims, ['name', 'given_name', 'family_name', 'email']);
    assert.equal(await page.locator('input[name="scope"]:checked').count(), 5);
    assert.match((await page.locator('#messages').textContent()) ?? '', /LtiDeepLinkingRequest/);
    await page.screenshot({ path: join(SCREENSHOTS, 'registration-review.png') });

    // The registry lists it as pending until it is enabled.
    const registry = await page.context().newPage();
    await registry.goto(`${hub.origin}/admin/tools`);
    assert.equal((await registry.locator(`#tools tr[data-client-id="${clientId}"] td.status`).textContent())?.trim(), 'pending review');
    await registry.close();

    await page.locator('input[name="claim"][value="email"]').uncheck();
    await page.locator('#enable').click();
    await page.locator('#enabled').waitFor();
    assert.match((await page.locator('main').textContent()) ?? '', /Personal data released\s*name, given_name, family_name/);

    // The new link, launched as the instructor.
    await page.locator('#links a', { hasText: 'ltikit demo quiz' }).click();
    await page.waitForURL(/\/courses\/course-lti101\/links\//);
    const frame = page.frameLocator('#tool-frame');
    await frame.locator('#roles').waitFor();
    assert.equal((await frame.locator('#roles').textContent())?.trim(), 'Instructor');
    assert.match((await frame.locator('#who').textContent()) ?? '', /Ada Lovelace .* launched ltikit demo quiz\./);
    const launched = JSON.parse((await frame.locator('#claims').textContent()) ?? '{}') as Record<string, unknown>;
    assert.equal(launched.aud, clientId);
    assert.equal(launched.given_name, 'Ada');
    assert.equal(launched.email, undefined);
  });

  it('ignores a close message that does not come from the registration frame (DR-042)', async () => {
    const page = await freshPage();
    await page.goto(`${hub.origin}/admin/tools`);
    // A URL whose page neither registers nor closes: the tool's login endpoint answers an error page.
    await page.locator('#registration-url').fill(`${hub.origin}/demo-tool/login`);
    await page.locator('#registration-form button[type="submit"]').click();
    await page.locator('#registration-frame').waitFor();
    const framePage = page.frames().find((frame) => frame !== page.mainFrame());
    assert.ok(framePage !== undefined);
    await framePage.waitForLoadState();

    await page.evaluate(() => window.postMessage({ subject: 'org.imsglobal.lti.close' }, '*'));
    await framePage.evaluate(() => window.parent.postMessage({ subject: 'something.else' }, '*'));
    await page.waitForTimeout(300);
    assert.equal(await page.locator('#registration-frame').count(), 1, 'the frame stays');
    assert.match(page.url(), /\/admin\/registrations$/);

    // From the frame itself it closes; nothing registered in this session, which the hub says.
    await framePage.evaluate(() => window.parent.postMessage({ subject: 'org.imsglobal.lti.close' }, '*'));
    await page.locator('.error-code').waitFor();
    assert.equal(await page.locator('.error-code').textContent(), 'ERR_HUB_NOT_FOUND');
    assert.match(page.url(), /\/admin\/registrations\/[^/]+$/);
  });
});
