// A platform serving Assignment and Grade Services for the AGS endpoint tests, driven through
// `platform.fetch` (no sockets) with real access tokens: client assertions are signed with tool keys
// registered as `publicJwk`, and sent to the platform's token endpoint (service_platform.ts).
import { generateSigningKey } from '../../src/keys/generate_signing_key.js';
import { fixedClock } from '../../src/lib/clock.js';
import { type LtiPlatform, createPlatform } from '../../src/platform/create_platform.js';
import type { AgsOptions } from '../../src/platform/ags/options.js';
import { createMemoryStores } from '../../src/stores/memory.js';
import type { AgsStore } from '../../src/stores/types.js';
import { MEDIA_TYPE } from '../../src/vocab/media_types.js';
import { SCOPE } from '../../src/vocab/scopes.js';
import { testKeyOf } from './platform_key.js';
import { registerKeyedTool, serviceTokens } from './service_platform.js';

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
  for (const tool of [TOOL_A, TOOL_B, TOOL_C]) {
    await registerKeyedTool(platform, { clientId: tool.clientId, publicJwk: key.publicJwk, scopes: AGS_SCOPES, deploymentIds: tool.deploymentIds });
  }
  const tokens = serviceTokens(platform, await testKeyOf(key), clock);
  const token = (clientId = TOOL_A.clientId, scopes = AGS_SCOPES, deploymentId?: string): Promise<string> => tokens(clientId, scopes, deploymentId);

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
