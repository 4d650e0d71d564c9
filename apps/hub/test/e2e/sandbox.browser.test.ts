// The sandbox LMS in a real browser: pick who you are, open the course, launch the demo tool in its
// iframe as the instructor, a student and the teaching assistant, answer the quiz and come back to
// the hub; a student's quiz grade reaches the instructor's gradebook through Assignment and Grade
// Services; the instructor adds quizzes by Deep Linking (a student is not offered to); a tool
// registered with a wrong redirect URI shows the platform's error page in the frame, not a blank
// frame. Every run also writes the screenshots of docs/hub/screenshots/.
//
// Needs Debian's Chromium (/usr/bin/chromium; .ci/run installs it). Outside CI the test is skipped
// when it is missing; in CI it must run. One hub and one Chromium for the whole file, one browser
// context (a fresh cookie jar) per person.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { getRequestListener } from '@hono/node-server';
import { createMemoryStores } from 'ltikit/stores';
import { createTool } from 'ltikit/tool';
import type { FrameLocator, Page } from 'playwright-core';
import { startChromium, skipWithoutChromium, type TestChromium } from '../support/chromium.js';
import { startTestHub, type TestHub } from '../support/hub.js';

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

describe('the hub sandbox in Chromium', { skip: skipWithoutChromium }, () => {
  let hub: TestHub;
  let browser: TestChromium;

  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    [hub, browser] = await Promise.all([startTestHub(), startChromium({ viewport: { width: 1280, height: 800 }, timeoutMs: WAIT_MS })]);
  });

  after(async () => {
    await browser?.close();
    await hub?.stop();
  });

  /** A fresh browser context (no cookies: nobody signed in) with a 1280×800 page. */
  const freshPage = (): Promise<Page> => browser.freshPage();

  async function screenshot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(SCREENSHOTS, name) });
  }

  /** Opens the course page in `page` and acts there as `username` (whose full name is `name`). */
  async function actAs(page: Page, username: string, name: string): Promise<void> {
    await page.goto(`${hub.origin}${COURSE_PATH}`);
    await page.locator(`#members button[data-person="${username}"]`).click();
    await page.locator('header .who', { hasText: name }).waitFor();
    assert.equal(new URL(page.url()).pathname, COURSE_PATH);
  }

  /** The text of every cell of the rows of `table` but the first (the header row). */
  async function bodyRows(page: Page, table: string): Promise<string[][]> {
    const rows = page.locator(`${table} tr`);
    const result: string[][] = [];
    for (let index = 1; index < (await rows.count()); index++) {
      result.push((await rows.nth(index).locator('td').allTextContents()).map((text) => text.trim()));
    }
    return result;
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

  it("a student's quiz grade reaches the instructor's gradebook, with its history", async () => {
    const started = Date.now();
    const edsgerDemoQuiz = '#gradebook td.grade[data-person="edsger"][data-line-item="li-demo-quiz"]';
    // Side by side, before the student answers: the instructor's gradebook, where Edsger has no
    // grade at all, and Edsger's launch of the demo quiz.
    const [instructor, frame] = await Promise.all([
      (async () => {
        const page = await freshPage();
        await actAs(page, 'ada', 'Ada Lovelace');
        await page.locator('a#gradebook-link').click();
        await page.waitForURL(`${hub.origin}${COURSE_PATH}/gradebook`);
        await page.locator('table#gradebook').waitFor();
        return page;
      })(),
      (async () => {
        const page = await freshPage();
        await actAs(page, 'edsger', 'Edsger Dijkstra');
        const launched = await launch(page, 'Demo quiz');
        await launched.locator('#roles').waitFor();
        return launched;
      })(),
    ]);
    assert.equal(await instructor.locator('#gradebook td.grade[data-person="edsger"]').count(), 0);
    assert.equal(await instructor.locator('#gradebook tr', { hasText: 'Edsger Dijkstra' }).count(), 1);
    assert.match((await frame.locator('#who').textContent()) ?? '', /Edsger Dijkstra \(person-edsger\) launched Demo quiz\./);
    // One right answer (q1) and two wrong ones: 1 of 3, unlike the instructor's 2 of 3 above.
    await frame.locator('input[name="q1"][value="0"]').check();
    await frame.locator('input[name="q2"][value="1"]').check();
    await frame.locator('input[name="q3"][value="2"]').check();
    await frame.locator('button[type="submit"]', { hasText: 'Submit answers' }).click();
    await frame.locator('#score').waitFor();
    assert.equal((await frame.locator('#score').textContent())?.trim(), 'You scored 1 of 3.');
    const outcome = frame.locator('#grade-sent, #grade-failed');
    assert.equal(await outcome.count(), 1);
    assert.equal((await outcome.textContent())?.trim(), 'Your grade was sent to the course gradebook.');

    // The instructor's gradebook after: exactly that score, in Edsger's Demo quiz cell only.
    await instructor.reload();
    await instructor.locator('table#gradebook').waitFor();
    assert.equal(await instructor.locator('#gradebook td.grade[data-person="edsger"]').count(), 1);
    assert.equal((await instructor.locator(edsgerDemoQuiz).textContent())?.trim(), '1 / 3');
    assert.equal((await instructor.locator('#gradebook td.grade[data-person="ada"][data-line-item="li-demo-quiz"]').textContent())?.trim(), '2 / 3');
    await screenshot(instructor, 'gradebook.png');

    await instructor.locator(edsgerDemoQuiz).locator('a').click();
    await instructor.waitForURL(`${hub.origin}${COURSE_PATH}/gradebook/li-demo-quiz/person-edsger`);
    assert.equal(await instructor.locator('h1').textContent(), 'Demo quiz: Edsger Dijkstra');
    const history = await bodyRows(instructor, 'table#history');
    assert.equal(history.length, 1, JSON.stringify(history));
    const [timestamp, ...rest] = history[0]!;
    assert.deepEqual(rest, ['1 / 3', 'Completed', 'FullyGraded', '1 of 3 answers right.']);
    const sentAt = Date.parse(timestamp ?? '');
    assert.ok(sentAt >= started - 1000 && sentAt <= Date.now() + 1000, `timestamp ${timestamp}`);
  });

  it('the instructor adds both quizzes by Deep Linking; they become course links with gradebook columns', async () => {
    const demoClientId = hub.running.hub.demoClientId;
    const page = await freshPage();
    await actAs(page, 'ada', 'Ada Lovelace');
    const titles = ['Quiz: LTI basics', 'Quiz: LTI security'];
    for (const title of titles) assert.equal(await page.locator('#links td', { hasText: title }).count(), 0, `${title} before Deep Linking`);

    // The demo tool's entry is named after its first link in the course.
    const addContent = page.locator(`#add-content a.add-content[href$="/add-content/${demoClientId}"]`);
    assert.equal(await addContent.textContent(), 'Add from the tool of “Demo quiz”');
    await addContent.click();
    await page.waitForURL(`${hub.origin}${COURSE_PATH}/add-content/${demoClientId}`);
    const frame = page.frameLocator('#tool-frame');
    await frame.locator('#add-quizzes').waitFor();
    assert.equal(await frame.locator('h1').textContent(), 'Add a quiz to Introduction to LTI');
    const boxes = frame.locator('input[name="quiz"]');
    assert.equal(await boxes.count(), 2);
    assert.deepEqual(await boxes.evaluateAll((inputs) => inputs.map((input) => `${(input as HTMLInputElement).type}:${(input as HTMLInputElement).value}`)), ['checkbox:lti-basics', 'checkbox:lti-security']);
    await frame.locator('input[name="quiz"][value="lti-basics"]').check();
    await frame.locator('input[name="quiz"][value="lti-security"]').check();
    await screenshot(page, 'deep-linking-picker.png');

    await frame.locator('#add-quizzes').click();
    await frame.locator('ul#placed').waitFor();
    assert.deepEqual((await frame.locator('ul#placed li').allTextContents()).map((text) => text.trim()), titles);
    assert.equal(await frame.locator('.lti-msg').textContent(), 'Added 2 quizzes.');
    assert.equal(await frame.locator('.lti-errormsg').count(), 0);
    // The hub's page in the frame; the add-content page around it stays.
    assert.equal(await page.locator('h1').first().textContent(), 'Add content to LTI101');
    await screenshot(page, 'deep-linking-placed.png');

    await frame.locator('#back-to-course').click();
    await page.waitForURL(`${hub.origin}${COURSE_PATH}`);
    for (const title of titles) assert.equal(await page.getByRole('cell', { name: title, exact: true }).count(), 1, `${title} after Deep Linking`);
    assert.equal(await addContent.textContent(), 'Add from the tool of “Demo quiz”');

    const launched = await launch(page, 'Quiz: LTI basics');
    await launched.locator('#roles').waitFor();
    assert.match((await launched.locator('#who').textContent()) ?? '', /Ada Lovelace \(person-ada\) launched Quiz: LTI basics\./);
    const claims = JSON.parse((await launched.locator('#claims').textContent()) ?? '{}') as Record<string, Record<string, unknown> | undefined>;
    assert.equal(claims['https://purl.imsglobal.org/spec/lti/claim/custom']?.quiz, 'lti-basics');
    const lineItem = claims['https://purl.imsglobal.org/spec/lti-ags/claim/endpoint']?.lineitem;
    assert.equal(typeof lineItem, 'string');
    assert.doesNotMatch(lineItem as string, /li-demo-(quiz|window)$/);

    await page.goto(`${hub.origin}${COURSE_PATH}/gradebook`);
    for (const title of titles) {
      const column = page.locator('#gradebook th', { hasText: title });
      assert.equal(await column.count(), 1, `${title} column`);
      assert.match((await column.textContent()) ?? '', /out of 3/);
    }
  });

  it('neither a student nor the teaching assistant is offered to add content; a student cannot open the picker by its URL', async () => {
    const page = await freshPage();
    await actAs(page, 'barbara', 'Barbara Liskov');
    assert.ok((await page.locator('#links a.launch').count()) > 0, 'the student sees the links');
    assert.equal(await page.locator('#add-content, a.add-content').count(), 0);
    assert.equal(await page.locator('h2', { hasText: 'Add content from a tool' }).count(), 0);

    await page.goto(`${hub.origin}${COURSE_PATH}/add-content/${hub.running.hub.demoClientId}`);
    const error = page.frameLocator('#tool-frame').locator('.error');
    await error.waitFor({ state: 'visible' });
    assert.equal(await error.locator('.error-code').textContent(), 'ERR_HUB_FORBIDDEN');
    assert.match((await error.textContent()) ?? '', /Only instructors, content developers and administrators/);

    // Nor is the teaching assistant (an instructor's sub-role that does not edit the course).
    await actAs(page, 'grace', 'Grace Hopper');
    assert.ok((await page.locator('#links a.launch').count()) > 0, 'the teaching assistant sees the links');
    assert.equal(await page.locator('#add-content, a.add-content').count(), 0);
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
