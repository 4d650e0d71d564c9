// Deep Linking end to end over real HTTP on 127.0.0.1: our platform sends an LtiDeepLinkingRequest
// to our tool, the tool answers with the picked items, the browser posts the signed response to the
// platform's return URL (DL-020), which verifies it with the tool's JWKS fetched over HTTP (DL-051)
// and hands the items to onDeepLinkingResponse.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../../src/lib/clock.js';
import type { LtiPlatform } from '../../src/platform/index.js';
import type { DeepLinkingResult } from '../../src/platform/index.js';
import type { LtiTool } from '../../src/tool/index.js';
import { TestBrowser, parseForm } from '../support/browser.js';
import { FULL_ITEMS, createDeepLinkingWorld, deepLinkingLaunch } from '../support/deep_linking.js';
import { type ServerPair, servePair } from '../support/serve.js';

describe('Deep Linking over HTTP', () => {
  const clock = fixedClock(Math.floor(Date.now() / 1000));
  let servers: ServerPair;
  let platform: LtiPlatform;
  let tool: LtiTool;
  let results: DeepLinkingResult[];

  before(async () => {
    servers = await servePair();
    const { platformServer, toolServer } = servers;
    const world = await createDeepLinkingWorld({
      platformOrigin: platformServer.origin,
      toolOrigin: toolServer.origin,
      fetch: (input, init) => fetch(input, init),
      allowInsecureLoopback: true,
      clock,
      answer: (launch) => ({
        // DL-011: only what the platform accepts.
        items: structuredClone(FULL_ITEMS).filter((item) => launch.deepLinking?.accept_types.includes(item.type)),
        options: { msg: 'Picked over HTTP' },
      }),
    });
    ({ platform, tool, results } = world);
    servers.route({ platform: platform.fetch, tool: tool.fetch });
  });

  after(() => servers?.close());

  const signedInBrowser = (userId: string): TestBrowser => new TestBrowser().signIn(servers.platformServer.origin, userId);

  it('places the picked items through the browser, the response verified with the tool JWKS over HTTP', async () => {
    const initiation = await platform.createLaunch(deepLinkingLaunch());
    const browser = signedInBrowser('u-instructor');
    const { response: toolPage } = await browser.launch(initiation.loginUrl);
    assert.equal(toolPage.status, 200);
    const form = parseForm(await toolPage.text());
    assert.equal(form.action, `${servers.platformServer.origin}/lti/deep-linking/return?launch=${initiation.launchId}`);
    const placed = await browser.submit(form);
    assert.equal(placed.status, 200, await placed.clone().text());
    assert.deepEqual(await placed.json(), {
      placed: ['Intro video', 'Fractions practice', 'Worksheet', 'Reading note', 'Diagram'],
      msg: 'Picked over HTTP',
    });
    assert.deepEqual(results.at(-1)?.contentItems, FULL_ITEMS);
    assert.equal(servers.toolServer.hits.get('/lti/jwks'), 1, 'the platform fetched the tool JWKS');
    assert.equal(servers.platformServer.hits.get('/.well-known/jwks.json'), 1, 'the tool fetched the platform JWKS');
  });

  it('offers fewer types: the tool sends only those, and the JWKS is not fetched again', async () => {
    const initiation = await platform.createLaunch(
      deepLinkingLaunch({ deepLinking: { accept_types: ['ltiResourceLink'], accept_presentation_document_targets: ['iframe', 'window'], accept_lineitem: true } }),
    );
    const browser = signedInBrowser('u-instructor');
    const { response: toolPage } = await browser.launch(initiation.loginUrl);
    const placed = await browser.submit(parseForm(await toolPage.text()));
    assert.equal(placed.status, 200, await placed.clone().text());
    assert.deepEqual(
      results.at(-1)?.contentItems.map((item) => item.type),
      ['ltiResourceLink'],
    );
    assert.equal(servers.toolServer.hits.get('/lti/jwks'), 1);
  });

  it('refuses the same response posted twice with the error page (DL-052)', async () => {
    const initiation = await platform.createLaunch(deepLinkingLaunch());
    const browser = signedInBrowser('u-instructor');
    const { response: toolPage } = await browser.launch(initiation.loginUrl);
    const form = parseForm(await toolPage.text());
    assert.equal((await browser.submit(form)).status, 200);
    const again = await browser.submit(form);
    assert.equal(again.status, 400);
    assert.match(again.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await again.text(), /code <code>ERR_LTI_DL_NONCE_REPLAYED<\/code>/);
  });
});
