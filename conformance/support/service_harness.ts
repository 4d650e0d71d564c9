// Service plumbing shared by the token, NRPS and AGS cases (TOK-001..003, TOK-020): the validator
// registered as a tool with a public key, client assertions signed here with jose and sent to the
// platform's own token endpoint, and the tool under certification calling the platform's services
// with the validator's key as its own. No socket: requests go to `platform.fetch`.
import assert from 'node:assert/strict';
import { importJWK, type JWTPayload, SignJWT } from 'jose';
import { fixedClock, LTI_CLAIM } from 'ltikit';
import { generateSigningKey } from 'ltikit/keys';
import { createPlatform, type LtiPlatform, type PlatformOptions } from 'ltikit/platform';
import { createMemoryStores, type StoredSigningKey, type ToolRegistration } from 'ltikit/stores';
import { createTool, type LtiTool, type ServiceTarget } from 'ltikit/tool';
import { PLATFORM_ISSUER, TOOL_CLIENT_ID, TOOL_DEPLOYMENT_ID, toolRegistration } from './platform_harness.js';
import { NOW } from './tool_harness.js';

export const TOKEN_URL = `${PLATFORM_ISSUER}/lti/token`;
export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

let validatorKey: Promise<StoredSigningKey> | undefined;

/**
 * The validator-as-tool's key pair (RSA generation is slow: made once, on first use). Its public
 * half is registered on the platform; the tool-side cases sign with it as the tool's own key.
 */
export function validatorToolKey(): Promise<StoredSigningKey> {
  validatorKey ??= generateSigningKey({ alg: 'RS256', now: 0 });
  return validatorKey;
}

/**
 * The claims of a conforming client assertion (TOK-001, TOK-002) of `clientId`, issued `now`: the
 * validator's carries its deployment. `overrides` are merged over them (`undefined` removes one).
 */
export function assertionClaims(clientId: string, now: number, jti: string, overrides: Record<string, unknown> = {}): JWTPayload {
  return {
    iss: clientId,
    sub: clientId,
    aud: TOKEN_URL,
    iat: now,
    exp: now + 300,
    jti,
    ...(clientId === TOOL_CLIENT_ID ? { [LTI_CLAIM.deploymentId]: TOOL_DEPLOYMENT_ID } : {}),
    ...overrides,
  };
}

/** Signs `claims` (RS256, `typ: JWT`) with `signer`'s private key, under `kid` (default: the signer's own). */
export async function signAssertion(claims: JWTPayload, signer: StoredSigningKey, kid: string = signer.kid): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(await importJWK(signer.privateJwk, 'RS256'));
}

/** The token request parameters of TOK-003 for `assertion`. */
export function tokenParameters(assertion: string, scope: string): Record<string, string> {
  return { grant_type: 'client_credentials', client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: assertion, scope };
}

/** POSTs a form to the token endpoint; `undefined` values are left out. */
export function requestToken(platform: LtiPlatform, parameters: Record<string, string | undefined>): Promise<Response> {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) if (value !== undefined) form.set(name, value);
  return platform.fetch(
    new Request(TOKEN_URL, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: form.toString() }),
  );
}

export interface ServiceHarness {
  platform: LtiPlatform;
  clock: ReturnType<typeof fixedClock>;
  stores: ReturnType<typeof createMemoryStores>;
  /** The validator's key pair, registered as the public key of every tool of the harness. */
  toolKey: StoredSigningKey;
  /** An access token from the token endpoint for `clientId` (default: the validator) and `scopes` (TOK-001..003). */
  token(clientId?: string, scopes?: string[]): Promise<string>;
}

/**
 * A platform with the tools `tools` (validator registrations, the validator's public key added),
 * `platform(stores)` added to its options, and tokens for `scopes` unless a case asks for others.
 */
export async function createServiceHarness(options: {
  tools: Array<Partial<ToolRegistration>>;
  scopes: string[];
  platform: (stores: ReturnType<typeof createMemoryStores>) => Partial<PlatformOptions>;
}): Promise<ServiceHarness> {
  const clock = fixedClock(NOW);
  const stores = createMemoryStores(clock);
  const toolKey = await validatorToolKey();
  for (const tool of options.tools) await stores.tools.saveTool(toolRegistration({ ...tool, publicJwk: toolKey.publicJwk }));
  const platform = createPlatform({ issuer: PLATFORM_ISSUER, stores, clock, currentUser: 'message-hint-only', ...options.platform(stores) });
  let counter = 0;

  async function token(clientId = TOOL_CLIENT_ID, scopes: string[] = options.scopes): Promise<string> {
    counter += 1;
    const assertion = await signAssertion(assertionClaims(clientId, clock.now(), `service-jti-${counter}`), toolKey);
    const response = await requestToken(platform, tokenParameters(assertion, scopes.join(' ')));
    const body = (await response.json()) as { access_token?: string };
    if (response.status !== 200 || body.access_token === undefined) throw new Error(`token refused: ${JSON.stringify(body)}`);
    return body.access_token;
  }

  return { platform, clock, stores, toolKey, token };
}

/** The tool under certification calling a {@link ServiceHarness}'s platform, and what it sent there. */
export interface ServiceTool {
  tool: LtiTool;
  /** The service requests the tool sent (those `isService` picks), in order. */
  received: Request[];
  /** The validator's registration as the tool calls services with it. */
  target: Required<ServiceTarget>;
}

/**
 * The tool under certification with the validator's key as its own and the platform registered on
 * it, its `fetch` going straight into `platform.fetch`; requests whose path `isService` picks are
 * recorded. The certification platform is played by our own.
 */
export async function createServiceTool(harness: Pick<ServiceHarness, 'platform' | 'clock' | 'toolKey'>, isService: (path: string) => boolean): Promise<ServiceTool> {
  const stores = createMemoryStores(harness.clock);
  await stores.keys.saveKey('tool', { ...harness.toolKey, status: 'active', activatedAt: NOW });
  const received: Request[] = [];
  const tool = createTool({
    baseUrl: 'https://tool.example.com/lti',
    stores,
    clock: harness.clock,
    onLaunch: () => new Response('launched'),
    fetch: async (input, init) => {
      const request = new Request(input, init);
      if (isService(new URL(request.url).pathname)) received.push(request.clone());
      return harness.platform.fetch(request);
    },
  });
  const { config } = harness.platform;
  await tool.registerPlatform({
    issuer: PLATFORM_ISSUER,
    clientId: TOOL_CLIENT_ID,
    deploymentIds: [TOOL_DEPLOYMENT_ID],
    authorizationEndpoint: config.authorizationEndpoint,
    tokenEndpoint: config.tokenEndpoint,
    jwksUri: config.jwksUri,
  });
  return { tool, received, target: { issuer: PLATFORM_ISSUER, clientId: TOOL_CLIENT_ID, deploymentId: TOOL_DEPLOYMENT_ID } };
}

/**
 * Asserts that the platform knows the Bearer token of `request` (TOK-020, TOK-021): bound to the
 * validator and its deployment, granting exactly `scope`.
 */
export async function assertServiceGrant(platform: LtiPlatform, request: Request, scope: string): Promise<void> {
  const grant = await platform.authorizeServiceRequest(request, [scope]);
  assert.equal(grant.clientId, TOOL_CLIENT_ID);
  assert.equal(grant.deploymentId, TOOL_DEPLOYMENT_ID);
  assert.deepEqual(grant.scopes, [scope]);
}
