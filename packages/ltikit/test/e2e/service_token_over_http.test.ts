// Service tokens end to end over real HTTP on 127.0.0.1: the tool asks our platform's token
// endpoint for a token (TOK-001..003), the platform verifies the client assertion with the tool's
// JWKS fetched from the tool's own `/jwks` route (TOK-011), and the tool calls a service on the
// platform's server that checks the token with `platform.authorizeServiceRequest` (TOK-020, TOK-021).
// Then: a second tool instance over the same stores (a background job after a restart) calls the
// service with only { issuer, clientId, deploymentId }; and the tool rotates its key.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LtiErrorCode } from '../../src/errors.js';
import type { LtiMessageEvent } from '../../src/lib/observe.js';
import { platformErrorResponse } from '../../src/platform/error_response.js';
import { SCOPE } from '../../src/vocab/scopes.js';
import { rejectsLtiError } from '../support/assert_lti_error.js';
import { type ServiceWorld, startServiceWorld } from '../support/service_platform.js';

const CLIENT_ID = 'tool-client-1';
const DEPLOYMENT_ID = 'deployment-1';
const LINE_ITEM_CONTAINER = 'application/vnd.ims.lis.v2.lineitemcontainer+json';
const SCORE_MEDIA_TYPE = 'application/vnd.ims.lis.v1.score+json';

interface Environment extends ServiceWorld {
  platformEvents: LtiMessageEvent[];
  scores: Array<{ clientId: string; deploymentId: string | undefined; body: unknown }>;
  lineItemsUrl: string;
  scoresUrl: string;
}

async function startEnvironment(): Promise<Environment> {
  const platformEvents: LtiMessageEvent[] = [];
  const world = await startServiceWorld({
    registration: { clientId: CLIENT_ID, name: 'Quiz tool', scopes: [SCOPE.lineItemReadonly, SCOPE.score], deploymentIds: [DEPLOYMENT_ID] },
    platform: () => ({
      observer: (event) => {
        platformEvents.push(event);
      },
    }),
  });
  const { platform } = world;
  const lineItemsUrl = `${world.platformServer.origin}/api/lti/contexts/ctx-1/lineitems`;
  const scoresUrl = `${lineItemsUrl}/li-1/scores`;
  const scores: Environment['scores'] = [];

  // The platform's services, next to its LTI endpoints on the same server.
  async function service(request: Request): Promise<Response> {
    const url = new URL(request.url).href;
    if (url === lineItemsUrl && request.method === 'GET') {
      const grant = await platform.authorizeServiceRequest(request, [SCOPE.lineItem, SCOPE.lineItemReadonly]);
      return new Response(JSON.stringify([{ id: `${lineItemsUrl}/li-1`, label: 'Quiz 1', scoreMaximum: 10, deploymentId: grant.deploymentId ?? null }]), {
        headers: { 'content-type': LINE_ITEM_CONTAINER },
      });
    }
    if (url === scoresUrl && request.method === 'POST') {
      const grant = await platform.authorizeServiceRequest(request, [SCOPE.score]);
      scores.push({ clientId: grant.clientId, deploymentId: grant.deploymentId, body: await request.json() });
      return new Response(null, { status: 204 });
    }
    return new Response(null, { status: 404 });
  }
  world.servePlatform(async (request) => {
    if (!new URL(request.url).pathname.startsWith('/api/lti/')) return platform.fetch(request);
    try {
      return await service(request);
    } catch (error) {
      return platformErrorResponse(error, request);
    }
  });

  return { ...world, platformEvents, scores, lineItemsUrl, scoresUrl };
}

const tokenRequests = (env: Environment): number => env.platformServer.hits.get('/lti/token') ?? 0;
const jwksFetches = (env: Environment): number => env.toolServer.hits.get('/lti/jwks') ?? 0;
const tokenErrorCodes = (env: Environment): Array<LtiErrorCode | undefined> =>
  env.platformEvents.filter((event) => event.kind === 'token_request').map((event) => event.errorCode);

describe('service tokens over HTTP', () => {
  let env: Environment;
  let target: { issuer: string; clientId: string; deploymentId: string };

  before(async () => {
    env = await startEnvironment();
    ({ target } = env);
  });
  after(() => env.close());

  it('gets a token (the platform fetching the tool JWKS over HTTP) and reads the line items', async () => {
    const response = await env.tool.serviceFetch(target, { url: env.lineItemsUrl, scopes: [SCOPE.lineItemReadonly], headers: { accept: LINE_ITEM_CONTAINER } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), LINE_ITEM_CONTAINER);
    assert.deepEqual(await response.json(), [{ id: `${env.lineItemsUrl}/li-1`, label: 'Quiz 1', scoreMaximum: 10, deploymentId: DEPLOYMENT_ID }]);
    assert.equal(tokenRequests(env), 1);
    assert.equal(jwksFetches(env), 1);
    assert.deepEqual(tokenErrorCodes(env), [undefined]);
  });

  it('posts a score with a token of its own scope, reusing the cached JWKS', async () => {
    const score = { userId: 'u-1', scoreGiven: 7, scoreMaximum: 10, activityProgress: 'Completed', gradingProgress: 'FullyGraded', timestamp: new Date().toISOString() };
    const response = await env.tool.serviceFetch(target, {
      url: env.scoresUrl,
      method: 'POST',
      scopes: [SCOPE.score],
      headers: { 'content-type': SCORE_MEDIA_TYPE },
      body: JSON.stringify(score),
    });
    assert.equal(response.status, 204);
    assert.deepEqual(env.scores, [{ clientId: CLIENT_ID, deploymentId: DEPLOYMENT_ID, body: score }]);
    assert.equal(tokenRequests(env), 2);
    assert.equal(jwksFetches(env), 1);
  });

  it('reuses the cached token for the next call', async () => {
    const response = await env.tool.serviceFetch(target, { url: env.lineItemsUrl, scopes: [SCOPE.lineItemReadonly] });
    assert.equal(response.status, 200);
    await response.body?.cancel();
    assert.equal(tokenRequests(env), 2);
  });

  it('lets a background job of a restarted tool call the service with only issuer, client id and deployment id', async () => {
    const job = env.newTool();
    const before = tokenRequests(env);
    const response = await job.serviceFetch({ issuer: env.platformServer.origin, clientId: CLIENT_ID, deploymentId: DEPLOYMENT_ID }, {
      url: env.scoresUrl,
      method: 'POST',
      scopes: [SCOPE.score],
      headers: { 'content-type': SCORE_MEDIA_TYPE },
      body: JSON.stringify({ userId: 'u-2', scoreGiven: 3, scoreMaximum: 10, activityProgress: 'Completed', gradingProgress: 'FullyGraded', timestamp: new Date().toISOString() }),
    });
    assert.equal(response.status, 204);
    // Its own token (the cache lives in the process), signed with the same stored key: no JWKS refetch.
    assert.equal(tokenRequests(env), before + 1);
    assert.equal(jwksFetches(env), 1);
    assert.equal((await job.keys!.activeKey()).kid, (await env.tool.keys!.activeKey()).kid);
    assert.equal(env.scores.at(-1)?.deploymentId, DEPLOYMENT_ID);
  });

  it('answers a forged token at the service with 401 and a Bearer challenge', async () => {
    const response = await fetch(env.lineItemsUrl, { headers: { authorization: 'Bearer forged-token-forged-token-forged' } });
    assert.equal(response.status, 401);
    assert.equal(response.headers.get('www-authenticate'), 'Bearer error="invalid_token"');
    assert.equal(((await response.json()) as { code: string }).code, 'ERR_LTI_ACCESS_TOKEN_INVALID');
  });
});

describe('tool key rotation seen by the platform over HTTP (SEC-006)', () => {
  it('is refused within the 30 s refetch cooldown after the platform’s first JWKS fetch, then accepted after a refetch', async () => {
    const env = await startEnvironment();
    try {
      const { target } = env;
      await env.tool.getAccessToken(target, [SCOPE.lineItemReadonly]);
      assert.equal(jwksFetches(env), 1);

      // Rotating without publishing the next key first: the platform's cached JWKS lacks the new kid,
      // and its cooldown counts from that first fetch, so it does not refetch yet.
      const { activated } = await env.tool.keys!.rotate();
      const error = await rejectsLtiError(env.tool.getAccessToken(target, [SCOPE.score]), 'ERR_LTI_SERVICE_TOKEN_REFUSED');
      assert.equal(error.detail?.status, 401);
      assert.equal(error.detail?.error, 'invalid_client');
      assert.equal(tokenErrorCodes(env).at(-1), 'ERR_LTI_CLIENT_ASSERTION_KEY_UNKNOWN');
      assert.equal(jwksFetches(env), 1);

      // Once the cooldown has passed, the unknown kid makes the platform refetch, and the new key verifies.
      env.clock.advance(30);
      const token = await env.tool.getAccessToken(target, [SCOPE.score]);
      assert.deepEqual(token.scopes, [SCOPE.score]);
      assert.equal(jwksFetches(env), 2);
      assert.equal((await env.tool.keys!.activeKey()).kid, activated.kid);
    } finally {
      await env.close();
    }
  });

  it('is never refused when the next key is published a JWKS cache lifetime before the rotation', async () => {
    const env = await startEnvironment();
    try {
      const { target } = env;
      await env.tool.getAccessToken(target, [SCOPE.lineItemReadonly]);
      await env.tool.keys!.prepareNext();
      // The tool serves its JWKS with max-age=300: after that the platform refetches on its next use.
      env.clock.advance(301);
      await env.tool.getAccessToken(target, [SCOPE.score]);
      assert.equal(jwksFetches(env), 2);
      await env.tool.keys!.rotate();
      const token = await env.tool.getAccessToken(target, [SCOPE.lineItemReadonly, SCOPE.score]);
      assert.equal(token.scopes.length, 2);
      assert.equal(jwksFetches(env), 2, 'the new kid was already known');
      assert.deepEqual(tokenErrorCodes(env), [undefined, undefined, undefined]);
    } finally {
      await env.close();
    }
  });
});
