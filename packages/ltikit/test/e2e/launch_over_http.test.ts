// End to end over real HTTP on 127.0.0.1: our platform launches our tool
// (login initiation → authorization endpoint → form_post → validated launch), with RS256 and ES256
// platform keys, before and after a key rotation; the tool fetches the platform JWKS once, not per launch.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../../src/lib/clock.js';
import { createMemoryStores } from '../../src/stores/memory.js';
import { createPlatform, type LtiPlatform } from '../../src/platform/index.js';
import { createTool, type LtiTool } from '../../src/tool/index.js';
import { CONTEXT_ROLE } from '../../src/vocab/roles.js';
import type { SigningAlgorithm } from '../../src/keys/algorithms.js';
import { TestBrowser, lmsSessionUser, parseForm } from '../support/browser.js';
import { type ServerPair, servePair, type TestServer } from '../support/serve.js';

const CLIENT_ID = 'tool-client-1';
const DEPLOYMENT_ID = 'deployment-1';

for (const algorithm of ['RS256', 'ES256'] satisfies SigningAlgorithm[]) {
  describe(`launch over HTTP with ${algorithm} platform keys`, () => {
    const clock = fixedClock(Math.floor(Date.now() / 1000));
    let servers: ServerPair;
    let platformServer: TestServer;
    let toolServer: TestServer;
    let platform: LtiPlatform;
    let tool: LtiTool;
    const returnMessages: unknown[] = [];

    before(async () => {
      servers = await servePair();
      ({ platformServer, toolServer } = servers);
      const platformStores = createMemoryStores(clock);
      const toolStores = createMemoryStores(clock);
      platform = createPlatform({
        issuer: platformServer.origin,
        stores: platformStores,
        signingAlgorithm: algorithm,
        product: { name: 'Test LMS', productFamilyCode: 'ltikit-test', version: '1' },
        allowInsecureLoopback: true,
        clock,
        // OIDC-023: the platform's own session says who is signed in (a cookie on the platform origin).
        currentUser: lmsSessionUser,
        onReturn: (message) => {
          returnMessages.push(message);
          return new Response('returned');
        },
      });
      await platformStores.tools.saveTool({
        clientId: CLIENT_ID,
        name: 'Test tool',
        deploymentIds: [DEPLOYMENT_ID],
        initiateLoginUri: `${toolServer.origin}/lti/login`,
        redirectUris: [`${toolServer.origin}/lti/launch`],
        targetLinkUri: `${toolServer.origin}/lti/launch`,
        claims: ['name', 'email'],
        customParameters: { user_id: '$User.id', context: '$Context.id', literal: 'x', unknown: '$Nope.nothing' },
      });
      await toolStores.platforms.savePlatform({
        issuer: platformServer.origin,
        clientId: CLIENT_ID,
        deploymentIds: [DEPLOYMENT_ID],
        authorizationEndpoint: platform.config.authorizationEndpoint,
        jwksUri: platform.config.jwksUri,
      });
      tool = createTool({
        baseUrl: `${toolServer.origin}/lti`,
        stores: toolStores,
        allowInsecureLoopback: true,
        clock,
        onLaunch: (launch) =>
          Response.json({
            userId: launch.userId,
            contextRoles: launch.contextRoles,
            context: launch.context,
            resourceLink: launch.resourceLink,
            custom: launch.custom,
            person: launch.person,
            returnUrl: launch.launchPresentation?.return_url,
          }),
      });
      servers.route({ platform: platform.fetch, tool: tool.fetch });
    });

    after(() => servers?.close());

    /** A browser with a platform session for `userId`. */
    const signedInBrowser = (userId: string): TestBrowser => new TestBrowser().signIn(platformServer.origin, userId);

    async function launchAs(role: string, userId: string) {
      const initiation = await platform.createLaunch({
        clientId: CLIENT_ID,
        deploymentId: DEPLOYMENT_ID,
        user: { id: userId, name: 'Ada Lovelace', email: 'ada@example.edu', picture: 'https://example.edu/ada.png' },
        roles: [role],
        context: { id: 'ctx-991', label: 'MATH101', title: 'Calculus I' },
        resourceLink: { id: 'rl-5c8e', title: 'Week 3 quiz' },
      });
      const browser = signedInBrowser(userId);
      const { response, form } = await browser.launch(initiation.loginUrl);
      return { response, form, browser };
    }

    it('completes a launch as an instructor, with privacy and custom substitution applied', async () => {
      const { response, form } = await launchAs(CONTEXT_ROLE.Instructor, 'user-instructor');
      assert.equal(response.status, 200);
      const body = (await response.json()) as Record<string, unknown>;
      assert.equal(body.userId, 'user-instructor');
      assert.deepEqual(body.contextRoles, [CONTEXT_ROLE.Instructor]);
      assert.equal((body.resourceLink as { id: string }).id, 'rl-5c8e');
      assert.deepEqual(body.custom, { user_id: 'user-instructor', context: 'ctx-991', literal: 'x', unknown: '$Nope.nothing' });
      // MSG-004: name and email were granted, picture was not.
      assert.deepEqual(body.person, { name: 'Ada Lovelace', email: 'ada@example.edu' });
      assert.match(String(body.returnUrl), /\/lti\/return\?launch=/);
      assert.equal(form.action, `${toolServer.origin}/lti/launch`);
      const header = JSON.parse(Buffer.from(form.fields.id_token!.split('.')[0]!, 'base64url').toString());
      assert.equal(header.alg, algorithm);
      // VAL-021: the state cookie is cleared on success.
      assert.ok(response.headers.getSetCookie().some((cookie) => /^__Host-ltikit_state_[^=]+=;.*Max-Age=0/.test(cookie)));
    });

    it('completes a launch as a learner and fetched the JWKS once for both launches', async () => {
      const { response } = await launchAs(CONTEXT_ROLE.Learner, 'user-learner');
      assert.equal(response.status, 200);
      const body = (await response.json()) as Record<string, unknown>;
      assert.deepEqual(body.contextRoles, [CONTEXT_ROLE.Learner]);
      assert.equal(tool.jwksCache.stats(platform.config.jwksUri).fetches, 1);
      assert.equal(platformServer.hits.get('/.well-known/jwks.json'), 1);
    });

    it('keeps launching across a key rotation, refetching the JWKS once for the new key', async () => {
      const before = (await platform.keys.jwks()).keys.map((key) => key.kid);
      clock.advance(120); // past the JWKS refetch cooldown and the key-set cache
      await platform.keys.rotate();
      clock.advance(10);
      const afterRotation = (await platform.keys.jwks()).keys.map((key) => key.kid);
      assert.equal(afterRotation.length, before.length + 1, 'the retired key stays published');
      for (let index = 0; index < 3; index++) {
        const { response, form } = await launchAs(CONTEXT_ROLE.Learner, `user-${index}`);
        assert.equal(response.status, 200, await response.clone().text());
        const header = JSON.parse(Buffer.from(form.fields.id_token!.split('.')[0]!, 'base64url').toString());
        assert.ok(!before.includes(header.kid), 'signed with the new key');
      }
      assert.equal(tool.jwksCache.stats(platform.config.jwksUri).fetches, 2);
      assert.equal(platformServer.hits.get('/.well-known/jwks.json'), 2);
    });

    it('refuses to replay a launch POST', async () => {
      const { response, form } = await launchAs(CONTEXT_ROLE.Learner, 'user-replay');
      assert.equal(response.status, 200);
      // The state cookie was cleared; re-send it by hand as an attacker holding the whole POST would.
      const replay = await fetch(form.action, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
          cookie: `__Host-ltikit_state_${form.fields.state!.slice(0, 16)}=${form.fields.state}`,
        },
        body: new URLSearchParams(form.fields).toString(),
      });
      assert.equal(replay.status, 400);
      assert.equal(((await replay.json()) as { code: string }).code, 'ERR_LTI_STATE_UNKNOWN');
    });

    it('serves the return URL with the tool message escaped through the hook', async () => {
      const { response } = await launchAs(CONTEXT_ROLE.Learner, 'user-return');
      const body = (await response.json()) as { returnUrl: string };
      const url = new URL(body.returnUrl);
      url.searchParams.set('lti_msg', '<b>Done</b>');
      const answer = await fetch(url);
      assert.equal(await answer.text(), 'returned');
      assert.equal((returnMessages.at(-1) as { lti_msg: string }).lti_msg, '<b>Done</b>');
    });

    it('posts an OIDC error back to the tool when the message hint was already used', async () => {
      const initiation = await platform.createLaunch({
        clientId: CLIENT_ID,
        deploymentId: DEPLOYMENT_ID,
        user: { id: 'user-twice' },
        roles: [CONTEXT_ROLE.Learner],
        resourceLink: { id: 'rl-twice' },
      });
      const browser = signedInBrowser('user-twice');
      const first = await browser.get(initiation.loginUrl);
      assert.equal(first.response.status, 200);
      await first.response.text();
      const second = await browser.get(first.url);
      const form = parseForm(await second.response.text());
      assert.equal(form.fields.error, 'invalid_request');
      assert.match(form.fields.error_description!, /ERR_LTI_AUTH_MESSAGE_HINT_INVALID/);
      assert.ok(form.fields.state);
    });

    it('refuses the launch in a browser where another user is signed in to the platform, without spending it', async () => {
      const initiation = await platform.createLaunch({
        clientId: CLIENT_ID,
        deploymentId: DEPLOYMENT_ID,
        user: { id: 'user-owner' },
        roles: [CONTEXT_ROLE.Learner],
        resourceLink: { id: 'rl-owned' },
      });
      const stranger = signedInBrowser('user-stranger');
      const { response } = await stranger.launch(initiation.loginUrl);
      assert.equal(response.status, 400);
      assert.match(await response.text(), /ERR_LTI_PLATFORM_REFUSED_LOGIN[\s\S]*ERR_LTI_AUTH_USER_MISMATCH|ERR_LTI_AUTH_USER_MISMATCH[\s\S]*ERR_LTI_PLATFORM_REFUSED_LOGIN/);
      // The rightful user can still launch: the hint was not spent.
      const owner = await signedInBrowser('user-owner').launch(initiation.loginUrl);
      assert.equal(owner.response.status, 200);
    });
  });
}
