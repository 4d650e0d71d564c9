// A platform serving Assignment and Grade Services for the AGS endpoint tests, driven through
// `platform.fetch` (no sockets) with real access tokens: client assertions are signed here (jose
// SignJWT) with tool keys registered as `publicJwk`, and sent to the platform's token endpoint.
import { SignJWT, importJWK } from 'jose';
import { generateSigningKey } from '../../src/keys/generate_signing_key.js';
import { fixedClock } from '../../src/lib/clock.js';
import { type LtiPlatform, createPlatform } from '../../src/platform/create_platform.js';
import type { AgsOptions } from '../../src/platform/ags/options.js';
import { CLIENT_ASSERTION_TYPE } from '../../src/platform/token/issue_access_token.js';
import { createMemoryStores } from '../../src/stores/memory.js';
import type { AgsStore } from '../../src/stores/types.js';
import { LTI_CLAIM } from '../../src/vocab/claims.js';
import { MEDIA_TYPE } from '../../src/vocab/media_types.js';
import { SCOPE } from '../../src/vocab/scopes.js';

export const T0 = 1_767_225_600;
export const ISSUER = 'https://lms.example.edu';
export const CONTEXT_ID = 'ctx-1';
export const LINE_ITEMS_URL = `${ISSUER}/lti/contexts/${CONTEXT_ID}/lineitems`;
export const AGS_SCOPES = [SCOPE.lineItem, SCOPE.lineItemReadonly, SCOPE.resultReadonly, SCOPE.score];

/** Two tools in the course: A with two deployments, B with one; C is deployed in no context. */
export const TOOL_A = { clientId: 'tool-a', deploymentIds: ['dep-a1', 'dep-a2'] };
export const TOOL_B = { clientId: 'tool-b', deploymentIds: ['dep-b1'] };
export const TOOL_C = { clientId: 'tool-c', deploymentIds: ['dep-c1'] };

// Key generation is the slow part: every tool signs with this one key (tool-side tests store it as the tool's own).
export const sharedKey = generateSigningKey({ alg: 'ES256', now: T0 });

export interface AgsRequestOptions {
  token?: string;
  /** A JSON value (serialised) or raw text. */
  body?: unknown;
  contentType?: string;
  accept?: string;
  headers?: Record<string, string>;
}

export interface AgsPlatform {
  platform: LtiPlatform;
  store: AgsStore;
  clock: ReturnType<typeof fixedClock>;
  /** A token from the token endpoint for `scopes` (default: every AGS scope). */
  token(clientId?: string, scopes?: string[], deploymentId?: string): Promise<string>;
  /** Calls `platform.fetch`; `url` is absolute or a path below the issuer. */
  call(method: string, url: string, options?: AgsRequestOptions): Promise<Response>;
  /** Creates a line item through the endpoint (tool A unless another token is given) and returns it. */
  createLineItem(fields: Record<string, unknown>, token?: string): Promise<{ id: string } & Record<string, unknown>>;
  /** Posts a score through the endpoint (tool A unless another token is given). */
  postScore(lineItemUrl: string, score: Record<string, unknown>, token?: string): Promise<Response>;
}

export async function createAgsPlatform(options: { ags?: Partial<AgsOptions> | false; contextAccess?: (contextId: string, clientId: string) => boolean } = {}): Promise<AgsPlatform> {
  const clock = fixedClock(T0);
  const stores = createMemoryStores(clock);
  const platform = createPlatform({
    issuer: ISSUER,
    stores,
    clock,
    currentUser: 'message-hint-only',
    ...(options.ags === false ? {} : { ags: { store: stores.ags, ...options.ags } }),
    // TOK-016: tools A and B are deployed in the course; C nowhere.
    serviceContextAccess: (contextId, grant) =>
      options.contextAccess?.(contextId, grant.clientId) ?? ([CONTEXT_ID, 'ctx-2'].includes(contextId) && grant.clientId !== TOOL_C.clientId),
  });
  const key = await sharedKey;
  const privateKey = await importJWK(key.privateJwk, 'ES256');
  for (const tool of [TOOL_A, TOOL_B, TOOL_C]) {
    await platform.registerTool({
      clientId: tool.clientId,
      name: tool.clientId,
      initiateLoginUri: `https://${tool.clientId}.example.com/lti/login`,
      redirectUris: [`https://${tool.clientId}.example.com/lti/launch`],
      publicJwk: key.publicJwk,
      scopes: AGS_SCOPES,
      deploymentIds: tool.deploymentIds,
    });
  }

  let jti = 0;
  const tokens = new Map<string, string>();
  async function token(clientId = TOOL_A.clientId, scopes = AGS_SCOPES, deploymentId?: string): Promise<string> {
    const cacheKey = [clientId, deploymentId ?? '', ...scopes].join(' ');
    const cached = tokens.get(cacheKey);
    if (cached !== undefined) return cached;
    const now = clock.now();
    const assertion = await new SignJWT({ jti: `jti-${++jti}`, ...(deploymentId === undefined ? {} : { [LTI_CLAIM.deploymentId]: deploymentId }) })
      .setProtectedHeader({ alg: 'ES256', kid: key.kid })
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(platform.config.tokenEndpoint)
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(privateKey);
    const response = await platform.fetch(
      new Request(platform.config.tokenEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: assertion, scope: scopes.join(' ') }),
      }),
    );
    const answer = (await response.json()) as { access_token?: string; error?: string };
    if (answer.access_token === undefined) throw new Error(`no token: ${JSON.stringify(answer)}`);
    tokens.set(cacheKey, answer.access_token);
    return answer.access_token;
  }

  async function call(method: string, url: string, request: AgsRequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { ...request.headers };
    if (request.token !== undefined) headers.authorization = `Bearer ${request.token}`;
    if (request.contentType !== undefined) headers['content-type'] = request.contentType;
    if (request.accept !== undefined) headers.accept = request.accept;
    const body = request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    return platform.fetch(new Request(url.startsWith('/') ? `${ISSUER}${url}` : url, { method, headers, ...(body === undefined ? {} : { body }) }));
  }

  return {
    platform,
    store: options.ags === false ? stores.ags : (options.ags?.store ?? stores.ags),
    clock,
    token,
    call,
    async createLineItem(fields, tokenValue) {
      const response = await call('POST', LINE_ITEMS_URL, { token: tokenValue ?? (await token()), body: fields, contentType: MEDIA_TYPE.lineItem });
      if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
      return (await response.json()) as { id: string } & Record<string, unknown>;
    },
    async postScore(lineItemUrl, score, tokenValue) {
      return call('POST', `${lineItemUrl}/scores`, { token: tokenValue ?? (await token()), body: score, contentType: MEDIA_TYPE.score });
    },
  };
}

/** The error code of an error answer. */
export async function errorCode(response: Response): Promise<string | undefined> {
  return ((await response.json()) as { code?: string }).code;
}

/** A valid score body at the given second of 2026-01-01 (UTC). */
export const scoreBody = (overrides: Record<string, unknown> = {}, second = 0): Record<string, unknown> => ({
  userId: 'u-1',
  timestamp: `2026-01-01T00:00:${String(second).padStart(2, '0')}.000Z`,
  activityProgress: 'Completed',
  gradingProgress: 'FullyGraded',
  scoreGiven: 7,
  scoreMaximum: 10,
  ...overrides,
});
