// The platform authorization endpoint through ltikit: a real `createPlatform` with one registered
// tool and in-memory stores, served by @hono/node-server. Launches are created with
// `platform.createLaunch` before a run; each gives a single-use `lti_message_hint`, so every timed
// GET is a valid, first-use authentication request that ends in a signed id_token.
import { getRequestListener } from '@hono/node-server';
import { decodeJwt } from 'jose';
import { createPlatform } from 'ltikit/platform';
import { createMemoryStores } from 'ltikit/stores';
import { CLIENT_ID, DEPLOYMENT_ID, LAUNCH, userId } from '../fixtures.js';
import type { BenchServer, PreparedAuthorization, StartOptions } from '../protocol.js';
import { listen } from './listen.js';

/** The tool the platform launches; never contacted (the benchmark stops at the form page). */
const TOOL_ORIGIN = 'http://127.0.0.1:9';

export async function startPlatformLtikit(options: StartOptions): Promise<BenchServer> {
  const handler: { fetch: (request: Request) => Promise<Response> } = { fetch: async () => new Response(null, { status: 503 }) };
  const server = await listen(getRequestListener((request) => handler.fetch(request)));

  const stores = createMemoryStores();
  await stores.tools.saveTool({
    clientId: CLIENT_ID,
    name: 'Bench tool',
    deploymentIds: [DEPLOYMENT_ID],
    initiateLoginUri: `${TOOL_ORIGIN}/lti/login`,
    redirectUris: [`${TOOL_ORIGIN}/lti/launch`],
    targetLinkUri: `${TOOL_ORIGIN}/activity/quiz-3`,
    claims: ['name', 'email'],
    customParameters: { user_id: '$User.id', context: '$Context.id' },
  });
  const platform = createPlatform({
    issuer: server.origin,
    currentUser: 'message-hint-only',
    stores,
    signingAlgorithm: options.alg,
    product: { name: 'Bench LMS', version: '1' },
    allowInsecureLoopback: true,
  });
  handler.fetch = platform.fetch;
  let launches = 0;

  async function authorizationPath(): Promise<string> {
    const index = launches++;
    const initiation = await platform.createLaunch({
      clientId: CLIENT_ID,
      deploymentId: DEPLOYMENT_ID,
      user: { id: userId(index), ...LAUNCH.user },
      roles: [...LAUNCH.roles],
      context: { ...LAUNCH.context },
      resourceLink: { ...LAUNCH.resourceLink },
    });
    // What the tool's login endpoint would redirect the browser to (OIDC-013).
    const query = new URLSearchParams({
      scope: 'openid',
      response_type: 'id_token',
      response_mode: 'form_post',
      prompt: 'none',
      client_id: CLIENT_ID,
      redirect_uri: initiation.tool.redirectUris[0]!,
      login_hint: initiation.parameters.login_hint!,
      state: crypto.randomUUID(),
      nonce: crypto.randomUUID(),
      lti_message_hint: initiation.parameters.lti_message_hint!,
    });
    return `${new URL(platform.config.authorizationEndpoint).pathname}?${query}`;
  }

  // One launch in-process: its id_token's claims become the ceiling's payload template.
  const sample = await platform.fetch(new Request(`${server.origin}${await authorizationPath()}`));
  const idToken = /name="id_token" value="([^"]+)"/.exec(await sample.text())?.[1];
  if (idToken === undefined) throw new Error('The sample authorization did not issue an id_token');
  const publicJwk = (await platform.keys.jwks()).keys[0];

  return {
    info: { port: server.port, sampleClaims: decodeJwt(idToken), ...(publicJwk === undefined ? {} : { publicJwk }) },
    prepare: async (count) => {
      const items: PreparedAuthorization[] = [];
      for (let index = 0; index < count; index++) items.push({ path: await authorizationPath() });
      return items;
    },
    close: server.close,
  };
}
