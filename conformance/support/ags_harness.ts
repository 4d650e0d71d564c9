// The platform's Assignment and Grade Services endpoints under certification (certification.md
// CERT-P-32): the validator registered as a tool with a public key and every AGS scope, a second
// tool deployed in the same course, learners known to the application's member check, and access
// tokens from the platform's own token endpoint (client assertions signed here with jose). No
// socket: requests go to `platform.fetch`.
import { importJWK, SignJWT } from 'jose';
import { fixedClock, LTI_CLAIM, MEDIA_TYPE, SCOPE } from 'ltikit';
import { generateSigningKey } from 'ltikit/keys';
import { createPlatform, type LtiPlatform } from 'ltikit/platform';
import { createMemoryStores } from 'ltikit/stores';
import { PLATFORM_ISSUER, TOOL_CLIENT_ID, TOOL_DEPLOYMENT_ID, toolRegistration } from './platform_harness.js';
import { NOW } from './tool_harness.js';

export const TOKEN_URL = `${PLATFORM_ISSUER}/lti/token`;
export const AGS_CONTEXT_ID = '8893483';
export const LINE_ITEMS_URL = `${PLATFORM_ISSUER}/lti/contexts/${AGS_CONTEXT_ID}/lineitems`;
export const AGS_RESOURCE_LINK_ID = '3622bed7314b4f9c8f0e533e158ff797';
export const AGS_SCOPES = [SCOPE.lineItem, SCOPE.lineItemReadonly, SCOPE.resultReadonly, SCOPE.score];
/** Another tool deployed in the same course. */
export const OTHER_TOOL_CLIENT_ID = 'imstester_other_grades';
/** Learners of the course (AGS-040). */
export const LEARNER_IDS = ['40899', '40900', '40901'];

/** The validator-as-tool's key pair: its public half is registered on the platform (the tool-side case signs with it). */
export const AGS_TOOL_KEY = generateSigningKey({ alg: 'RS256', now: 0 });

export interface AgsHarness {
  platform: LtiPlatform;
  stores: ReturnType<typeof createMemoryStores>;
  /** An access token from the token endpoint for `clientId` and `scopes` (TOK-001..003). */
  token(clientId?: string, scopes?: string[]): Promise<string>;
  /** Sends `method url` with the token (default: the validator's, every AGS scope), a JSON body and headers. */
  send(method: string, url: string, options?: { token?: string; body?: unknown; contentType?: string; accept?: string }): Promise<Response>;
  /** Creates a line item as the validator and returns its `id` URL. */
  createLineItem(fields?: Record<string, unknown>): Promise<string>;
}

export async function createAgsHarness(): Promise<AgsHarness> {
  const clock = fixedClock(NOW);
  const stores = createMemoryStores(clock);
  const toolKey = await AGS_TOOL_KEY;
  await stores.tools.saveTool(toolRegistration({ publicJwk: toolKey.publicJwk, scopes: AGS_SCOPES }));
  await stores.tools.saveTool(toolRegistration({ clientId: OTHER_TOOL_CLIENT_ID, deploymentIds: ['otherdeploy'], publicJwk: toolKey.publicJwk, scopes: AGS_SCOPES }));
  const platform = createPlatform({
    issuer: PLATFORM_ISSUER,
    stores,
    clock,
    currentUser: 'message-hint-only',
    ags: { store: stores.ags, isMember: (contextId, userId) => contextId === AGS_CONTEXT_ID && LEARNER_IDS.includes(userId) },
    // TOK-016: both tools are deployed in the course.
    serviceContextAccess: (contextId) => contextId === AGS_CONTEXT_ID,
  });
  const privateKey = await importJWK(toolKey.privateJwk, 'RS256');
  let counter = 0;

  async function token(clientId = TOOL_CLIENT_ID, scopes: string[] = AGS_SCOPES): Promise<string> {
    counter += 1;
    const assertion = await new SignJWT({
      iss: clientId,
      sub: clientId,
      aud: TOKEN_URL,
      iat: clock.now(),
      exp: clock.now() + 300,
      jti: `ags-jti-${counter}`,
      ...(clientId === TOOL_CLIENT_ID ? { [LTI_CLAIM.deploymentId]: TOOL_DEPLOYMENT_ID } : {}),
    })
      .setProtectedHeader({ alg: 'RS256', kid: toolKey.kid, typ: 'JWT' })
      .sign(privateKey);
    const response = await platform.fetch(
      new Request(TOKEN_URL, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: assertion,
          scope: scopes.join(' '),
        }).toString(),
      }),
    );
    const body = (await response.json()) as { access_token?: string };
    if (response.status !== 200 || body.access_token === undefined) throw new Error(`token refused: ${JSON.stringify(body)}`);
    return body.access_token;
  }

  async function send(method: string, url: string, options: { token?: string; body?: unknown; contentType?: string; accept?: string } = {}): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${options.token ?? (await token())}` };
    if (options.contentType !== undefined) headers['content-type'] = options.contentType;
    if (options.accept !== undefined) headers.accept = options.accept;
    return platform.fetch(new Request(url, { method, headers, ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }) }));
  }

  async function createLineItem(fields: Record<string, unknown> = { label: 'Introduction Assignment', scoreMaximum: 100, resourceLinkId: AGS_RESOURCE_LINK_ID }): Promise<string> {
    const response = await send('POST', LINE_ITEMS_URL, { body: fields, contentType: MEDIA_TYPE.lineItem });
    if (response.status !== 201) throw new Error(`line item refused: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { id: string }).id;
  }

  return { platform, stores, token, send, createLineItem };
}

/** A valid score of learner `userId` at second `second` of the certification day. */
export function agsScore(userId: string, second: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    userId,
    timestamp: `2026-01-01T12:00:${String(second).padStart(2, '0')}.000Z`,
    scoreGiven: 80,
    scoreMaximum: 100,
    activityProgress: 'Completed',
    gradingProgress: 'FullyGraded',
    ...overrides,
  };
}
