// The sandbox LMS in a real browser: pick who you are, open the course, launch the demo tool in its
// iframe as the instructor, a student and the teaching assistant, answer the quiz and come back to
// the hub; a tool registered with a wrong redirect URI shows the platform's error page in the
// frame, not a blank frame. Every run also writes the screenshots of docs/hub/screenshots/.
//
// Needs Debian's Chromium (/usr/bin/chromium; .ci/run installs it). Outside CI the test is skipped
// when it is missing; in CI it must run. One hub and one Chromium for the whole file, one browser
// context (a fresh cookie jar) per person.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { getRequestListener } from '@hono/node-server';
import { createMemoryStores } from 'ltikit/stores';
import { createTool } from 'ltikit/tool';
import { type Browser, type BrowserContext, chromium, type FrameLocator, type Page } from 'playwright-core';
import { startTestHub, type TestHub } from '../support/hub.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`Chromium is required in CI for the browser tests (looked for ${CHROMIUM}).`);

const SCREENSHOTS = fileURLToPath(new URL('../../../../docs/hub/screenshots/', import.meta.url));
const COURSE_PATH = '/courses/course-lti101';
const WAIT_MS = 10_000;

/** The role names the demo tool prints in `#roles`, one per entry. */
async function rolesShown(frame: FrameLocator): Promise<string[]> {
  const text = (await frame.locator('#roles').textContent()) ?? '';
  return text.split(',').map((role) => role.trim());
}

/** A tiny HTTP server on 127.0.0.1 whose fetch handler is set once the port is known. */
async function serveLater(): Promise<{ port: number; hits: Map<string, number>; handle(handler: (request: Request) => Response | Promise<Response>): void; close(): Promise<void> }> {
  let current: (request: Request) => Response | Promise<Response> = () => new Response(null, { status: 503 });
  const hits = new Map<string, number>();
  const server: Server = createServer(
    getRequestListener(async (request: Request) => {
      const path = new URL(request.url).pathname;
      hits.set(path, (hits.get(path) ?? 0) + 1);
      return current(request);
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    hits,
    handle: (handler) => {
      current = handler;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

describe('the hub sandbox in Chromium', { skip: available ? false : `no Chromium at ${CHROMIUM}` }, () => {
  let hub: TestHub;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    [hub, browser] = await Promise.all([
      startTestHub(),
      chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      }),
    ]);
  });

  after(async () => {
    await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
    await browser?.close();
    await hub?.stop();
  });

  /** A fresh browser context (no cookies: nobody signed in) with a 1280×800 page. */
  async function freshPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(WAIT_MS);
    contexts.push(context);
    return context.newPage();
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(SCREENSHOTS, name) });
  }

  /** Clicks Launch on the course page's row of `title`, and waits for the tool inside the frame. */
  async function launch(page: Page, title: string): Promise<FrameLocator> {
    await page.locator('#links tr', { has: page.getByRole('cell', { name: title, exact: true }) }).locator('a.launch').click();
    await page.waitForURL(/\/courses\/course-lti101\/links\//);
    assert.equal(await page.locator('h1').textContent(), title);
    return page.frameLocator('#tool-frame');
  }

  it('the instructor launches the demo quiz in the frame, answers it and comes back to the hub', async () => {
    const page = await freshPage();
    await page.goto(`${hub.origin}/`);
    await page.locator('h2', { hasText: 'Who are you?' }).waitFor();
    assert.equal(await page.locator('#people button[data-person]').count(), 6);
    await screenshot(page, 'home.png');

    await page.locator('button[data-person="ada"]').click();
    await page.locator('header .who', { hasText: 'Ada Lovelace' }).waitFor();
    await page.locator('#courses a', { hasText: 'LTI101: Introduction to LTI' }).click();
    await page.waitForURL(`${hub.origin}${COURSE_PATH}`);
    assert.equal(await page.locator('h1').textContent(), 'LTI101: Introduction to LTI');
    assert.match((await page.locator('#members tr', { hasText: 'Ada Lovelace' }).textContent()) ?? '', /\(you\)/);
    await screenshot(page, 'course.png');

    const frame = await launch(page, 'Demo quiz');
    await frame.locator('#roles').waitFor();
    const roles = await rolesShown(frame);
    assert.ok(roles.includes('Instructor'), `roles shown: ${roles.join(', ')}`);
    assert.ok(!roles.includes('Learner'), `roles shown: ${roles.join(', ')}`);
    assert.match((await frame.locator('#who').textContent()) ?? '', /Ada Lovelace .* launched Demo quiz\./);
    assert.equal(await frame.locator('#context').textContent(), 'Introduction to LTI');
    await screenshot(page, 'launch-instructor.png');

    // Two right answers and one wrong one: 2 of 3.
    await frame.locator('input[name="q1"][value="0"]').check();
    await frame.locator('input[name="q2"][value="0"]').check();
    await frame.locator('input[name="q3"][value="2"]').check();
    await frame.locator('button[type="submit"]', { hasText: 'Submit answers' }).click();
    await frame.locator('#score').waitFor();
    assert.equal((await frame.locator('#score').textContent())?.trim(), 'You scored 2 of 3.');

    await frame.locator('#return-to-platform').click();
    await frame.locator('.lti-msg').waitFor();
    assert.equal(await frame.locator('.lti-msg').textContent(), 'Ada Lovelace scored 2/3 on the demo quiz.');
    assert.equal(await frame.locator('h1').textContent(), 'Back from the tool');
    // The return page is the hub's, inside the frame; the course page around it stays.
    const returned = page.frames().find((candidate) => candidate.url().startsWith(`${hub.origin}/lti/return`));
    assert.ok(returned, `frames: ${page.frames().map((candidate) => candidate.url()).join(' ')}`);
    assert.equal(await page.locator('h1').first().textContent(), 'Demo quiz');
    await screenshot(page, 'return.png');
  });

  it('a student, picked with "Act as" on the course page, launches as Learner', async () => {
    const page = await freshPage();
    await page.goto(`${hub.origin}${COURSE_PATH}`);
    // Nobody is signed in yet: no Launch link, a hint instead.
    assert.equal(await page.locator('#links a.launch').count(), 0);
    await page.locator('#members tr', { hasText: 'Alan Turing' }).locator('button[data-person="alan"]').click();
    await page.locator('header .who', { hasText: 'Alan Turing' }).waitFor();
    assert.equal(new URL(page.url()).pathname, COURSE_PATH);

    const frame = await launch(page, 'Demo quiz');
    await frame.locator('#roles').waitFor();
    const roles = await rolesShown(frame);
    assert.ok(roles.includes('Learner'), `roles shown: ${roles.join(', ')}`);
    assert.ok(!roles.some((role) => role.startsWith('Instructor')), `roles shown: ${roles.join(', ')}`);
    assert.match((await frame.locator('#who').textContent()) ?? '', /Alan Turing/);
    await screenshot(page, 'launch-student.png');
  });

  it('a link that asks for a new window opens the tool in one', async () => {
    const page = await freshPage();
    await page.goto(`${hub.origin}${COURSE_PATH}`);
    await page.locator('#members tr', { hasText: 'Katherine Johnson' }).locator('button[data-person="katherine"]').click();
    await page.locator('header .who', { hasText: 'Katherine Johnson' }).waitFor();
    await page.locator('#links tr', { has: page.getByRole('cell', { name: 'Demo quiz (new window)', exact: true }) }).locator('a.launch').click();
    await page.waitForURL(/\/links\/link-demo-window$/);
    assert.equal(await page.locator('#tool-frame').count(), 0, 'no frame for a window link');
    const [popup] = await Promise.all([page.context().waitForEvent('page'), page.locator('a.launch-window').click()]);
    await popup.locator('#roles').waitFor();
    assert.equal((await popup.locator('#roles').textContent())?.trim(), 'Learner');
    assert.match((await popup.locator('#who').textContent()) ?? '', /Katherine Johnson \(person-katherine\) launched Demo quiz \(new window\)/);
    const claims = JSON.parse((await popup.locator('#claims').textContent()) ?? '{}') as Record<string, { document_target?: string }>;
    assert.equal(claims['https://purl.imsglobal.org/spec/lti/claim/launch_presentation']?.document_target, 'window');
  });

  it('the teaching assistant launches with the Instructor#TeachingAssistant sub-role', async () => {
    const page = await freshPage();
    await page.goto(`${hub.origin}${COURSE_PATH}`);
    const row = page.locator('#members tr', { hasText: 'Grace Hopper' });
    assert.equal(await row.locator('td.roles').textContent(), 'Instructor#TeachingAssistant');
    await row.locator('button[data-person="grace"]').click();
    await page.locator('header .who', { hasText: 'Grace Hopper' }).waitFor();

    const frame = await launch(page, 'Demo quiz');
    await frame.locator('#roles').waitFor();
    const roles = await rolesShown(frame);
    assert.ok(roles.includes('Instructor#TeachingAssistant'), `roles shown: ${roles.join(', ')}`);
    assert.ok(!roles.includes('Learner'), `roles shown: ${roles.join(', ')}`);
    assert.match((await frame.locator('#who').textContent()) ?? '', /Grace Hopper/);
  });

  it('a tool registered with a wrong redirect URI gets the platform error page in the frame, not a blank frame', async () => {
    const server = await serveLater();
    try {
      const toolOrigin = `http://localhost:${server.port}`;
      const tool = createTool({
        baseUrl: `${toolOrigin}/lti`,
        stores: createMemoryStores(),
        allowInsecureLoopback: true,
        onLaunch: () => new Response('<!doctype html><p id="launched">launched</p>', { headers: { 'content-type': 'text/html; charset=utf-8' } }),
      });
      server.handle(tool.fetch);
      const wrongRedirect = `${toolOrigin}/wrong-callback`;
      assert.notEqual(wrongRedirect, tool.config.launchUrl);

      const registered = await fetch(`${hub.origin}/api/admin/tools`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          application_type: 'web',
          response_types: ['id_token'],
          grant_types: ['implicit', 'client_credentials'],
          initiate_login_uri: tool.config.loginUrl,
          redirect_uris: [wrongRedirect],
          client_name: 'Misconfigured tool',
          token_endpoint_auth_method: 'private_key_jwt',
          'https://purl.imsglobal.org/spec/lti-tool-configuration': {
            domain: `localhost:${server.port}`,
            target_link_uri: tool.config.launchUrl,
            claims: ['iss', 'sub', 'name'],
            messages: [{ type: 'LtiResourceLinkRequest', label: 'Wrong redirect tool' }],
          },
        }),
      });
      assert.equal(registered.status, 201, await registered.clone().text());
      const { client_id, deployment_id, link_id } = (await registered.json()) as { client_id: string; deployment_id: string; link_id: string };
      await tool.registerPlatform({
        issuer: hub.origin,
        clientId: client_id,
        deploymentIds: [deployment_id],
        authorizationEndpoint: `${hub.origin}/lti/authorize`,
        jwksUri: `${hub.origin}/.well-known/jwks.json`,
      });

      const page = await freshPage();
      const authorizeHeaders: Record<string, string>[] = [];
      page.on('response', (response) => {
        if (response.url().startsWith(`${hub.origin}/lti/authorize`)) authorizeHeaders.push(response.headers());
      });
      await page.goto(`${hub.origin}/`);
      await page.locator('button[data-person="ada"]').click();
      await page.locator('header .who', { hasText: 'Ada Lovelace' }).waitFor();
      await page.goto(`${hub.origin}${COURSE_PATH}`);
      const frame = await launch(page, 'Wrong redirect tool');
      assert.equal(new URL(page.url()).pathname, `${COURSE_PATH}/links/${link_id}`);

      const error = frame.locator('.error');
      await error.waitFor({ state: 'visible' });
      const text = ((await error.textContent()) ?? '').replace(/\s+/g, ' ');
      assert.match(text, /redirect_uri/);
      assert.match(text, /not exactly one of the tool.s registered redirect URIs/);
      assert.match(text, /ERR_LTI_AUTH_REDIRECT_URI_NOT_REGISTERED/);
      // The frame shows the hub's own authorization endpoint, which may be framed by the hub.
      assert.equal(authorizeHeaders.length, 1);
      const headers = authorizeHeaders[0]!;
      assert.equal(headers['x-frame-options'], undefined);
      assert.doesNotMatch(headers['content-security-policy'] ?? '', /frame-ancestors\s+'none'/);
      // The tool's login ran; nothing was ever posted to the tool's launch or the wrong URI.
      assert.equal(server.hits.get(new URL(tool.config.loginUrl).pathname), 1);
      assert.equal(server.hits.get(new URL(tool.config.launchUrl).pathname), undefined);
      assert.equal(server.hits.get('/wrong-callback'), undefined);
      assert.ok(hub.logs.some((line) => line.code === 'ERR_LTI_AUTH_REDIRECT_URI_NOT_REGISTERED'));
      await screenshot(page, 'error-redirect-uri.png');
    } finally {
      await server.close();
    }
  });

  it('the registry pages list the tools and the keys', async () => {
    const page = await freshPage();
    await page.goto(`${hub.origin}/admin/tools`);
    const body = (await page.locator('main').textContent()) ?? '';
    assert.match(body, /ltikit demo tool/);
    assert.match(body, /Misconfigured tool/);
    await screenshot(page, 'admin-tools.png');

    await page.goto(`${hub.origin}/admin/keys`);
    const keys = (await page.locator('main').textContent()) ?? '';
    assert.match(keys, /platform/);
    assert.match(keys, /demo-tool/);
    await screenshot(page, 'admin-keys.png');
  });
});
