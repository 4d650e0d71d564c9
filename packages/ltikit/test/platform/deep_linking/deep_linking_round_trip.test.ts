// Deep Linking end to end without sockets: our platform and our tool, each reaching the other through
// `fetch` routed in memory, and a browser that follows redirects and submits the auto-posting forms.
// Platform createLaunch(LtiDeepLinkingRequest) → tool login → authorization endpoint → tool launch →
// tool.createDeepLinkingResponse → browser POSTs JWT to the return URL → onDeepLinkingResponse gets
// the items; then the platform launches the created link with its custom parameters (DL-059).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LtiResourceLinkContentItem } from '../../../src/messages/deep_linking.js';
import { CONTEXT_ROLE } from '../../../src/vocab/roles.js';
import { TestBrowser, parseForm } from '../../support/browser.js';
import { FULL_ITEMS, FULL_OFFER, type ToolAnswer, createDeepLinkingWorld, deepLinkingLaunch, inMemoryNetwork } from '../../support/deep_linking.js';

const PLATFORM_ORIGIN = 'https://lms.example.edu';
const TOOL_ORIGIN = 'https://tool.example.com';

async function inMemoryWorld(answer: ToolAnswer) {
  const handlers: Record<string, () => (request: Request) => Promise<Response>> = {};
  const requested: string[] = [];
  const routed = inMemoryNetwork(handlers);
  const network: typeof fetch = (input, init) => {
    requested.push(new Request(input, init).url);
    return routed(input, init);
  };
  const world = await createDeepLinkingWorld({ platformOrigin: PLATFORM_ORIGIN, toolOrigin: TOOL_ORIGIN, fetch: network, answer: () => answer });
  handlers[PLATFORM_ORIGIN] = () => world.platform.fetch;
  handlers[TOOL_ORIGIN] = () => world.tool.fetch;
  // OIDC-023: the instructor is signed in to the platform.
  const browser = new TestBrowser(network).signIn(PLATFORM_ORIGIN, 'u-instructor');
  return { ...world, browser, requested };
}

describe('Deep Linking round trip, platform ↔ tool in memory', () => {
  it('places all five item types: the platform callback receives exactly what the tool sent', async () => {
    const world = await inMemoryWorld({ items: structuredClone(FULL_ITEMS), options: { msg: '5 items added', log: 'picked 5' } });
    const initiation = await world.platform.createLaunch(deepLinkingLaunch());
    assert.equal(initiation.parameters.target_link_uri, `${TOOL_ORIGIN}/lti/launch?picker=1`, 'DL-003');

    const { response: toolPage } = await world.browser.launch(initiation.loginUrl);
    assert.equal(toolPage.status, 200);
    const launch = world.launches.at(-1);
    assert.equal(launch?.messageType, 'LtiDeepLinkingRequest');
    assert.deepEqual(launch?.deepLinking, { deep_link_return_url: `${PLATFORM_ORIGIN}/lti/deep-linking/return?launch=${initiation.launchId}`, ...FULL_OFFER });

    const form = parseForm(await toolPage.text());
    assert.equal(form.action, launch?.deepLinking?.deep_link_return_url);
    assert.deepEqual(Object.keys(form.fields), ['JWT']);
    const placed = await world.browser.submit(form);
    assert.equal(placed.status, 200);
    assert.deepEqual(await placed.json(), {
      placed: ['Intro video', 'Fractions practice', 'Worksheet', 'Reading note', 'Diagram'],
      msg: '5 items added',
    });

    const [result] = world.results;
    assert.ok(result);
    assert.deepEqual(result.contentItems, FULL_ITEMS);
    assert.equal(result.clientId, 'c-7731');
    assert.equal(result.deploymentId, 'dep-01');
    assert.equal(result.contextId, 'ctx-991');
    assert.equal(result.userId, 'u-instructor');
    assert.equal(result.launchId, initiation.launchId);
    assert.equal(result.msg, '5 items added');
    assert.equal(result.log, 'picked 5');
    assert.equal(result.settings.data, 'opaque-7f2a91');

    // The browser posting the same page again is refused: the response was accepted once.
    const again = await world.browser.submit(form);
    assert.equal(again.status, 400);
    assert.match(await again.text(), /code <code>ERR_LTI_DL_NONCE_REPLAYED<\/code>/);
    assert.equal(world.results.length, 1);
  });

  it('DL-059: the created ltiResourceLink then launches with its URL and custom parameters', async () => {
    const world = await inMemoryWorld({ items: [structuredClone(FULL_ITEMS[1]!)] });
    const initiation = await world.platform.createLaunch(deepLinkingLaunch());
    const { response: toolPage } = await world.browser.launch(initiation.loginUrl);
    await world.browser.submit(parseForm(await toolPage.text()));
    const item = world.results[0]?.contentItems[0] as LtiResourceLinkContentItem;
    assert.equal(item.type, 'ltiResourceLink');

    // DL-057: the platform creates the link with an id of its own.
    const linkLaunch = await world.platform.createLaunch({
      clientId: 'c-7731',
      deploymentId: 'dep-01',
      user: { id: 'u-learner' },
      roles: [CONTEXT_ROLE.Learner],
      context: { id: 'ctx-991' },
      resourceLink: { id: 'rl-created-1', ...(item.title === undefined ? {} : { title: item.title }), ...(item.custom === undefined ? {} : { custom: item.custom }) },
      ...(item.url === undefined ? {} : { targetLinkUri: item.url }),
    });
    world.browser.signIn(PLATFORM_ORIGIN, 'u-learner');
    const { response } = await world.browser.launch(linkLaunch.loginUrl);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      resourceLink: { id: 'rl-created-1', title: 'Fractions practice' },
      custom: { activity_id: 'fr-10', mode: 'practice' },
    });
    assert.equal(world.launches.at(-1)?.targetLinkUri, 'https://tool.example.com/lti/launch/fractions');
  });

  it('DL-031: a cancelled selection comes back with no items and the error message', async () => {
    const world = await inMemoryWorld({ items: [], options: { errormsg: 'Nothing was selected.', errorlog: 'user cancelled' } });
    const initiation = await world.platform.createLaunch(deepLinkingLaunch());
    const { response: toolPage } = await world.browser.launch(initiation.loginUrl);
    const placed = await world.browser.submit(parseForm(await toolPage.text()));
    assert.equal(placed.status, 200);
    assert.deepEqual(world.results[0]?.contentItems, []);
    assert.equal(world.results[0]?.errormsg, 'Nothing was selected.');
    assert.equal(world.results[0]?.errorlog, 'user cancelled');
  });

  it('DL-051: the platform verified the response with the tool JWKS, fetched once for two responses', async () => {
    const world = await inMemoryWorld({ items: [] });
    for (let round = 0; round < 2; round++) {
      const { response: toolPage } = await world.browser.launch((await world.platform.createLaunch(deepLinkingLaunch())).loginUrl);
      await world.browser.submit(parseForm(await toolPage.text()));
    }
    assert.equal(world.results.length, 2);
    assert.equal(world.requested.filter((url) => url === world.tool.config.jwksUrl).length, 1);
    assert.equal(world.requested.filter((url) => url === world.platform.config.jwksUri).length, 1, 'and the tool the platform JWKS');
  });
});
