// The launch in a real browser, inside the platform's iframe, with third-party cookies blocked.
// The LMS page is on http://127.0.0.1 and the tool on http://localhost: two sites, so the tool's
// state cookie is a third-party cookie in the iframe. With `Partitioned` (CHIPS) it survives the
// blocking and the launch completes; without it the browser drops the cookie and the tool refuses
// the launch with ERR_LTI_STATE_MISMATCH — which is why ltikit partitions it (OIDC-011).
//
// Needs Debian's Chromium (/usr/bin/chromium; .ci/run installs it). Outside CI the test is skipped
// when it is missing; in CI it must run.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type BrowserContext, chromium } from 'playwright-core';
import { createPlatform, type LtiPlatform } from '../../src/platform/index.js';
import { createMemoryStores } from '../../src/stores/memory.js';
import { createTool } from '../../src/tool/index.js';
import { CONTEXT_ROLE } from '../../src/vocab/roles.js';
import { lmsSessionUser } from '../support/browser.js';
import { serve, type TestServer } from '../support/serve.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`Chromium is required in CI for the browser tests (looked for ${CHROMIUM}).`);

/** Chromium with third-party cookies blocked, as the user's setting (a fresh profile each time). */
async function launchBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'ltikit-chromium-'));
  mkdirSync(join(profile, 'Default'), { recursive: true });
  writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { block_third_party_cookies: true, cookie_controls_mode: 1 } }));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

for (const partitioned of [true, false]) {
  describe(`launch in a cross-site iframe with third-party cookies blocked, state cookie ${partitioned ? 'partitioned' : 'not partitioned'}`, { skip: available ? false : `no Chromium at ${CHROMIUM}` }, () => {
    const platformHandler = { current: async (_request: Request): Promise<Response> => new Response(null, { status: 503 }) };
    const toolHandler = { current: async (_request: Request): Promise<Response> => new Response(null, { status: 503 }) };
    let lmsServer: TestServer;
    let toolServer: TestServer;
    let platform: LtiPlatform;
    let lmsOrigin: string;
    let toolOrigin: string;

    before(async () => {
      lmsServer = await serve(platformHandler);
      toolServer = await serve(toolHandler);
      lmsOrigin = lmsServer.origin; // http://127.0.0.1:…
      toolOrigin = toolServer.origin.replace('127.0.0.1', 'localhost'); // another site
      platform = createPlatform({
        issuer: lmsOrigin,
        stores: createMemoryStores(),
        allowInsecureLoopback: true,
        currentUser: lmsSessionUser,
      });
      const tool = createTool({
        baseUrl: `${toolOrigin}/lti`,
        stores: createMemoryStores(),
        allowInsecureLoopback: true,
        partitionedCookies: partitioned,
        onLaunch: (launch) =>
          new Response(`<!doctype html><title>Tool</title><p id="who">${launch.userId} as ${launch.contextRoles.join(' ')}</p>`, {
            headers: { 'content-type': 'text/html; charset=utf-8' },
          }),
      });
      const registered = await platform.registerTool({
        clientId: 'browser-tool',
        name: 'Browser tool',
        initiateLoginUri: tool.config.loginUrl,
        redirectUris: [tool.config.launchUrl],
        deploymentIds: ['d-1'],
      });
      await tool.registerPlatform({
        issuer: lmsOrigin,
        clientId: registered.clientId,
        deploymentIds: ['d-1'],
        authorizationEndpoint: platform.config.authorizationEndpoint,
        jwksUri: platform.config.jwksUri,
      });
      toolHandler.current = tool.fetch;
      // The LMS: a course page that signs the user in and frames the launch.
      platformHandler.current = async (request) => {
        const url = new URL(request.url);
        if (url.pathname === '/course') {
          const { loginUrl } = await platform.createLaunch({
            clientId: registered.clientId,
            deploymentId: 'd-1',
            user: { id: 'user-ada' },
            roles: [CONTEXT_ROLE.Instructor],
            context: { id: 'course-1' },
            resourceLink: { id: 'link-1' },
          });
          return new Response(`<!doctype html><title>Course</title><iframe id="tool" src="${loginUrl}" width="600" height="300"></iframe>`, {
            headers: { 'content-type': 'text/html; charset=utf-8', 'set-cookie': 'lms_session=user-ada; Path=/; HttpOnly; SameSite=Lax' },
          });
        }
        return platform.fetch(request);
      };
    });

    after(async () => {
      await lmsServer?.close();
      await toolServer?.close();
    });

    it(partitioned ? 'completes the launch inside the iframe' : 'loses the state cookie, and the tool says so with ERR_LTI_STATE_MISMATCH', async () => {
      const browser = await launchBrowser();
      try {
        const page = await browser.context.newPage();
        await page.goto(`${lmsOrigin}/course`);
        const frame = page.frameLocator('#tool');
        if (partitioned) {
          await frame.locator('#who').waitFor({ timeout: 15_000 });
          assert.equal(await frame.locator('#who').textContent(), `user-ada as ${CONTEXT_ROLE.Instructor}`);
        } else {
          await frame.locator('code').first().waitFor({ timeout: 15_000 });
          assert.equal(await frame.locator('code').first().textContent(), 'ERR_LTI_STATE_MISMATCH');
        }
      } finally {
        await browser.close();
      }
    });
  });
}
