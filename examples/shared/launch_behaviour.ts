// The one behaviour test every example passes, over real HTTP on 127.0.0.1: the LMS page's Launch
// button → login initiation → authorization endpoint → form_post → the tool's page; and a launch
// the tool refuses. Each example's test/app.test.ts runs it against its own server.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestBrowser, parseForm } from '../../packages/ltikit/test/support/browser.js';

export type StartExample = (options: { host: string; port: number; allowInsecureLoopback?: boolean }) => Promise<{
  origin: string;
  close(): Promise<void>;
}>;

export function describeExample(name: string, startExample: StartExample): void {
  describe(`${name} example: platform and tool in one server`, () => {
    let server: { origin: string; close(): Promise<void> };
    before(async () => {
      server = await startExample({ host: '127.0.0.1', port: 0, allowInsecureLoopback: true });
    });
    after(() => server.close());

    /** Opens the LMS page and presses Launch; returns the tool login URL the LMS redirects to. */
    async function pressLaunch(browser: TestBrowser, role: string): Promise<string> {
      const { response: page } = await browser.get(`${server.origin}/`);
      const form = parseForm(await page.text());
      const answer = await browser.request(new URL(form.action, server.origin).href, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...form.fields, role }).toString(),
      });
      assert.equal(answer.status, 303);
      return answer.headers.get('location')!;
    }

    it('launches the tool from the LMS page and shows who launched, with which role, in which course', async () => {
      const browser = new TestBrowser();
      const loginUrl = await pressLaunch(browser, 'Instructor');
      assert.ok(loginUrl.startsWith(`${server.origin}/tool/login?`));
      const { response, form } = await browser.launch(loginUrl);
      assert.equal(form.action, `${server.origin}/tool/launch`);
      assert.equal(response.status, 200);
      const html = await response.text();
      assert.match(html, /<b>Ada Lovelace<\/b> \(<code>user-ada<\/code>\) launched <b>Week 3 quiz<\/b>/);
      assert.match(html, /Roles: <b>Instructor<\/b>/);
      assert.match(html, /Context: <b>Calculus I<\/b> \(MATH101\) on Example LMS/);
      // Both Set-Cookie headers crossed the bridge: the tool's session and the cleared state cookie.
      const cookies = response.headers.getSetCookie();
      assert.ok(cookies.some((cookie) => cookie.startsWith('example_tool_session=')));
      assert.ok(cookies.some((cookie) => /^__Host-ltikit_state_[^=]+=;.*Max-Age=0/.test(cookie)));
    });

    it('refuses a launch form posted from another browser with a 400 naming ERR_LTI_STATE_MISMATCH', async () => {
      const browser = new TestBrowser();
      const { response: authorization } = await browser.get(await pressLaunch(browser, 'Learner'));
      const form = parseForm(await authorization.text());
      const stranger = new TestBrowser();
      const page = await stranger.submit(form);
      assert.equal(page.status, 400);
      assert.match(await page.text(), /Error code: <code>ERR_LTI_STATE_MISMATCH<\/code>/);
      const json = await stranger.request(form.action, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams(form.fields).toString(),
      });
      assert.equal(json.status, 400);
      assert.equal(((await json.json()) as { code: string }).code, 'ERR_LTI_STATE_MISMATCH');
      // The refused posts did not use up the launch: the right browser still completes it.
      const own = await browser.submit(form);
      assert.equal(own.status, 200);
      assert.match(await own.text(), /Roles: <b>Learner<\/b>/);
    });
  });
}
