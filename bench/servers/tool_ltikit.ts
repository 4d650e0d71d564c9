// The tool-side launch through ltikit: a real `createTool` with in-memory stores, served by
// @hono/node-server. The platform registration points at a local JWKS server, which the tool
// fetches once and then serves from its cache. Logins (state, nonce, state cookie) are made
// in-process through `tool.fetch` before a run, so every timed launch POST is a first use.
import { getRequestListener } from '@hono/node-server';
import { createMemoryStores } from 'ltikit/stores';
import { createTool } from 'ltikit/tool';
import { CLIENT_ID, DEPLOYMENT_ID, LAUNCHED_PAGE, PLATFORM_ISSUER, userId } from '../fixtures.js';
import type { BenchServer, PreparedLogin, StartOptions } from '../protocol.js';
import { listen } from './listen.js';

export async function startToolLtikit(options: StartOptions): Promise<BenchServer> {
  if (options.platformPublicJwk === undefined) throw new Error('tool-ltikit needs the platform public key');
  const jwksBody = JSON.stringify({ keys: [options.platformPublicJwk] });
  let jwksServed = 0;
  const jwksServer = await listen((_request, response) => {
    jwksServed++;
    response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'public, max-age=3600', 'content-length': Buffer.byteLength(jwksBody) });
    response.end(jwksBody);
  });
  const jwksUri = `${jwksServer.origin}/.well-known/jwks.json`;

  const handler: { fetch: (request: Request) => Promise<Response> } = { fetch: async () => new Response(null, { status: 503 }) };
  const toolServer = await listen(getRequestListener((request) => handler.fetch(request)));

  const stores = createMemoryStores();
  await stores.platforms.savePlatform({
    issuer: PLATFORM_ISSUER,
    clientId: CLIENT_ID,
    deploymentIds: [DEPLOYMENT_ID],
    authorizationEndpoint: `${PLATFORM_ISSUER}/lti/authorize`,
    jwksUri,
  });
  const tool = createTool({
    baseUrl: `${toolServer.origin}/lti`,
    stores,
    allowInsecureLoopback: true,
    onLaunch: () => new Response(LAUNCHED_PAGE, { headers: { 'content-type': 'text/html; charset=utf-8' } }),
  });
  handler.fetch = tool.fetch;
  const targetLinkUri = `${toolServer.origin}/activity/quiz-3`;
  let logins = 0;

  async function login(): Promise<PreparedLogin> {
    const index = logins++;
    const query = new URLSearchParams({
      iss: PLATFORM_ISSUER,
      login_hint: userId(index),
      target_link_uri: targetLinkUri,
      client_id: CLIENT_ID,
      lti_deployment_id: DEPLOYMENT_ID,
      lti_message_hint: `hint-${index}`,
    });
    const response = await tool.fetch(new Request(`${tool.config.loginUrl}?${query}`));
    const location = response.headers.get('location');
    const setCookie = response.headers.get('set-cookie');
    if (response.status !== 302 || location === null || setCookie === null) {
      throw new Error(`Login answered ${response.status}: ${await response.text()}`);
    }
    const authentication = new URL(location).searchParams;
    return {
      state: authentication.get('state')!,
      nonce: authentication.get('nonce')!,
      cookie: setCookie.split(';')[0]!,
      targetLinkUri,
    };
  }

  return {
    info: { port: toolServer.port },
    prepare: async (count) => {
      const items: PreparedLogin[] = [];
      for (let index = 0; index < count; index++) items.push(await login());
      return items;
    },
    stats: () => ({ jwksFetches: tool.jwksCache.stats(jwksUri).fetches, jwksServed }),
    close: async () => {
      await toolServer.close();
      await jwksServer.close();
    },
  };
}
