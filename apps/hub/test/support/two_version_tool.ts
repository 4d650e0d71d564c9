// A tool built on `ltikit/tool` that speaks both LTI 1.1 (key and secret in its `stores.lti11`) and
// LTI 1.3, served over HTTP, recording every launch it receives; and the hub-side steps the
// upgrade tests share (a learner's launch, the instructor's gradebook).
import assert from 'node:assert/strict';
import { createMemoryStores } from 'ltikit/stores';
import { type Lti11Launch, type LtiLaunch, type ToolOptions, createTool } from 'ltikit/tool';
import { TestBrowser } from '../../../../packages/ltikit/test/support/browser.js';
import { type TestServer, serve } from '../../../../packages/ltikit/test/support/serve.js';
import { adminApi } from './admin_api.js';
import type { TestHub } from './hub.js';

export interface TwoVersionTool {
  tool: ReturnType<typeof createTool>;
  stores: ReturnType<typeof createMemoryStores>;
  server: TestServer;
  lti11Launches: Lti11Launch[];
  lti13Launches: LtiLaunch[];
}

const page = (version: string): Response =>
  new Response(`<!doctype html><p id="launched">${version}</p>`, { headers: { 'content-type': 'text/html; charset=utf-8' } });

/** Starts the tool on 127.0.0.1; `registration` turns on its Dynamic Registration URL. Close `server` after. */
export async function startTwoVersionTool(registration?: ToolOptions['registration']): Promise<TwoVersionTool> {
  const stores = createMemoryStores();
  const lti11Launches: Lti11Launch[] = [];
  const lti13Launches: LtiLaunch[] = [];
  const handler: { current: (request: Request) => Promise<Response> | Response } = { current: () => new Response(null, { status: 503 }) };
  const server = await serve(handler);
  const tool = createTool({
    baseUrl: `${server.origin}/lti`,
    stores,
    allowInsecureLoopback: true,
    ...(registration === undefined ? {} : { registration }),
    lti11: {
      onLaunch: (launch) => {
        lti11Launches.push(launch);
        return page('1.1');
      },
    },
    onLaunch: (launch) => {
      lti13Launches.push(launch);
      return page('1.3');
    },
  });
  handler.current = tool.fetch;
  return { tool, stores, server, lti11Launches, lti13Launches };
}

/** A learner's launch of a tool's link, through a one-time launch URL; the tool must answer 200. */
export async function launchAs(hub: TestHub, clientId: string, user: string): Promise<void> {
  const ticket = await adminApi(hub, 'POST', '/launch-url', { client_id: clientId, user });
  assert.equal(ticket.status, 201, JSON.stringify(ticket.json));
  const { response } = await new TestBrowser().launch(ticket.json.url);
  assert.equal(response.status, 200, await response.clone().text());
}

/** The gradebook of `course` as its instructor (ada) sees it. */
export async function instructorGradebook(hub: TestHub, course: string): Promise<{ html: string; browser: TestBrowser }> {
  const browser = new TestBrowser();
  await browser.request(`${hub.origin}/session`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'person=ada' });
  return { html: await (await browser.get(`${hub.origin}/courses/${course}/gradebook`)).response.text(), browser };
}
