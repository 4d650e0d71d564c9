// An LTI 1.1 launch through a real browser: the platform's auto-submitting form, under its
// Content-Security-Policy, posted by Chromium to a tool that checks the OAuth 1.0a signature of
// what it received. Chromium sends every line break of a form field as CR LF, so a link
// description or title with a bare LF or CR verifies only because the platform signs the fields in
// that form.
//
// Needs Debian's Chromium (/usr/bin/chromium; .ci/run installs it). Outside CI the test is skipped
// when it is missing; in CI it must run.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type Browser, chromium } from 'playwright-core';
import { LtiError } from '../../src/errors.js';
import { systemClock } from '../../src/lib/clock.js';
import { escapeHtml } from '../../src/lib/http.js';
import { verifyOAuth1Request } from '../../src/lib/oauth1_request.js';
import { type LtiPlatform, createPlatform, lti11LaunchResponse } from '../../src/platform/index.js';
import { createMemoryStores } from '../../src/stores/memory.js';
import { CONTEXT_ROLE } from '../../src/vocab/roles.js';
import { type TestServer, serve } from '../support/serve.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`Chromium is required in CI for the browser tests (looked for ${CHROMIUM}).`);

const SECRET = 'lines-secret';

describe('an LTI 1.1 launch posted by Chromium', { skip: available ? false : `no Chromium at ${CHROMIUM}` }, () => {
  const platformHandler = { current: async (_request: Request): Promise<Response> => new Response(null, { status: 503 }) };
  const toolHandler = { current: async (_request: Request): Promise<Response> => new Response(null, { status: 503 }) };
  let lmsServer: TestServer;
  let toolServer: TestServer;
  let platform: LtiPlatform;
  let browser: Browser;
  /** What the tool received: the form as parsed, and the verification's outcome. */
  const received: Array<{ fields: Map<string, string>; outcome: string }> = [];

  before(async () => {
    [lmsServer, toolServer, browser] = await Promise.all([
      serve(platformHandler),
      serve(toolHandler),
      chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] }),
    ]);
    const toolStores = createMemoryStores();
    toolHandler.current = async (request) => {
      const parameters = [...new URLSearchParams(await request.text())];
      let outcome = 'verified';
      try {
        await verifyOAuth1Request({ method: 'POST', url: request.url, parameters, secretFor: async () => SECRET, singleUse: toolStores.singleUse, clock: systemClock });
      } catch (error) {
        outcome = error instanceof LtiError ? error.code : String(error);
      }
      received.push({ fields: new Map(parameters), outcome });
      return new Response(`<!doctype html><title>Tool</title><p id="outcome">${escapeHtml(outcome)}</p>`, { headers: { 'content-type': 'text/html; charset=utf-8' } });
    };
    platform = createPlatform({ issuer: lmsServer.origin, stores: createMemoryStores(), allowInsecureLoopback: true, currentUser: 'message-hint-only' });
    await platform.lti11.registerTool({ name: 'Lines', consumerKey: 'ck-lines', secret: SECRET, launchUrl: `${toolServer.origin}/lti11/launch`, customParameters: { note: 'first\nsecond' } });
    platformHandler.current = async () =>
      lti11LaunchResponse(
        await platform.createLti11Launch({
          consumerKey: 'ck-lines',
          user: { id: 'user-ada' },
          roles: [CONTEXT_ROLE.Learner],
          context: { id: 'course-1', title: 'Calculus\r\nI' },
          resourceLink: { id: 'link-1', title: 'Week\r3', description: 'Line one\nLine two' },
        }),
      );
  });

  after(async () => {
    await browser?.close();
    await lmsServer?.close();
    await toolServer?.close();
  });

  it('verifies a launch whose fields hold LF, CR and CR LF line breaks', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${lmsServer.origin}/launch`);
      await page.locator('#outcome').waitFor({ timeout: 15_000 });
      assert.equal(await page.locator('#outcome').textContent(), 'verified');
    } finally {
      await page.close();
    }
    const [launch] = received;
    assert.equal(launch?.outcome, 'verified');
    assert.equal(launch?.fields.get('resource_link_description'), 'Line one\r\nLine two');
    assert.equal(launch?.fields.get('resource_link_title'), 'Week\r\n3');
    assert.equal(launch?.fields.get('context_title'), 'Calculus\r\nI');
    assert.equal(launch?.fields.get('custom_note'), 'first\r\nsecond');
  });
});
