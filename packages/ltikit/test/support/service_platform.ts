// Service plumbing shared by the token, AGS and NRPS tests: tools registered on a platform (by
// public key, or by their own routes so the platform fetches their JWKS, TOK-011), the platform
// registered on a tool, client-credentials token requests (TOK-001..003) and the tokens they bring,
// and a platform and a tool wired to each other over real HTTP on 127.0.0.1.
import assert from 'node:assert/strict';
import type { JWTPayload } from 'jose';
import { type Clock, fixedClock } from '../../src/lib/clock.js';
import type { PlatformOptions } from '../../src/platform/config.js';
import { createPlatform, type LtiPlatform } from '../../src/platform/create_platform.js';
import type { ToolRegistrationInput } from '../../src/platform/registry.js';
import { CLIENT_ASSERTION_TYPE } from '../../src/platform/token/issue_access_token.js';
import { createMemoryStores } from '../../src/stores/memory.js';
import type { ToolOptions } from '../../src/tool/config.js';
import { createTool, type LtiTool } from '../../src/tool/create_tool.js';
import type { ServiceTarget } from '../../src/tool/token/access_token_client.js';
import { LTI_CLAIM } from '../../src/vocab/claims.js';
import type { TestPlatformKey } from './platform_key.js';
import { type ServerPair, servePair, type TestServer } from './serve.js';

type MemoryStores = ReturnType<typeof createMemoryStores>;

/** A tool's account on a platform: its client id and deployments. */
export interface ToolAccount {
  clientId: string;
  deploymentIds: string[];
}

/**
 * Registers a tool known by its public key (`publicJwk`, no JWKS URL), its login and launch URLs
 * on a host of its own; `name` defaults to the client id.
 */
export function registerKeyedTool(
  platform: LtiPlatform,
  tool: Omit<ToolRegistrationInput, 'name' | 'initiateLoginUri' | 'redirectUris'> & { clientId: string; name?: string },
): ReturnType<LtiPlatform['registerTool']> {
  return platform.registerTool({
    name: tool.clientId,
    initiateLoginUri: `https://${tool.clientId}.example.com/lti/login`,
    redirectUris: [`https://${tool.clientId}.example.com/lti/launch`],
    ...tool,
  });
}

/** Registers `platform` on `tool`: its issuer and its authorization, token and JWKS endpoints. */
export async function registerPlatformOn(tool: LtiTool, platform: LtiPlatform, account: ToolAccount): Promise<void> {
  await tool.registerPlatform({
    issuer: platform.config.issuer,
    clientId: account.clientId,
    deploymentIds: account.deploymentIds,
    authorizationEndpoint: platform.config.authorizationEndpoint,
    tokenEndpoint: platform.config.tokenEndpoint,
    jwksUri: platform.config.jwksUri,
  });
}

/** What {@link connect} registers: the tool's routes (login, launch, JWKS) come from the tool itself. */
export type ConnectedToolRegistration = Omit<ToolRegistrationInput, 'initiateLoginUri' | 'redirectUris' | 'jwksUri'> & ToolAccount;

/**
 * Registers `tool` on `platform` by its own routes (the platform fetches the tool's JWKS from its
 * `/jwks`, TOK-011), then the platform on the tool; returns the target of the first deployment.
 */
export async function connect(platform: LtiPlatform, tool: LtiTool, registration: ConnectedToolRegistration): Promise<Required<ServiceTarget>> {
  await platform.registerTool({ initiateLoginUri: tool.config.loginUrl, redirectUris: [tool.config.launchUrl], jwksUri: tool.config.jwksUrl, ...registration });
  await registerPlatformOn(tool, platform, registration);
  return { issuer: platform.config.issuer, clientId: registration.clientId, deploymentId: registration.deploymentIds[0]! };
}

/** The form of a client-credentials token request (TOK-003) carrying `assertion`. */
export function clientCredentials(assertion: string, scope: string): Record<string, string> {
  return { grant_type: 'client_credentials', client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: assertion, scope };
}

/** A form POST of `parameters` to the token endpoint `url`; an `undefined` value leaves the parameter out. */
export function tokenRequest(url: string, parameters: Record<string, string | undefined>, headers: Record<string, string> = {}): Request {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) if (value !== undefined) form.set(name, value);
  return new Request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: form.toString() });
}

/** The claims of a conforming client assertion (TOK-001) of `clientId` for `audience`, valid 300 s from `now`, `extra` merged over them. */
export function assertionClaims(clientId: string, audience: string, now: number, jti: string, extra: Record<string, unknown> = {}): JWTPayload {
  return { iss: clientId, sub: clientId, aud: audience, iat: now, exp: now + 300, jti, ...extra };
}

/** Gets a token: the client, its scopes and (sent in the assertion, TOK-002) its deployment. */
export type ServiceTokens = (clientId: string, scopes: readonly string[], deploymentId?: string) => Promise<string>;

/**
 * Tokens from `platform`'s token endpoint for tools that all sign their assertions with `key`,
 * each asserted issued, and cached per client, deployment and scopes as a tool caches them.
 */
export function serviceTokens(platform: LtiPlatform, key: Pick<TestPlatformKey, 'sign'>, clock: Clock): ServiceTokens {
  let jti = 0;
  const tokens = new Map<string, string>();
  return async (clientId, scopes, deploymentId) => {
    const cacheKey = [clientId, deploymentId ?? '', ...scopes].join(' ');
    const cached = tokens.get(cacheKey);
    if (cached !== undefined) return cached;
    jti += 1;
    const deployment = deploymentId === undefined ? {} : { [LTI_CLAIM.deploymentId]: deploymentId };
    const assertion = await key.sign(assertionClaims(clientId, platform.config.tokenEndpoint, clock.now(), `jti-${jti}`, deployment));
    const response = await platform.fetch(tokenRequest(platform.config.tokenEndpoint, clientCredentials(assertion, scopes.join(' '))));
    const answer = (await response.json()) as { access_token?: string };
    assert.equal(response.status, 200, JSON.stringify(answer));
    assert.ok(answer.access_token, `no token: ${JSON.stringify(answer)}`);
    tokens.set(cacheKey, answer.access_token);
    return answer.access_token;
  };
}

/** A platform and a tool served over HTTP on 127.0.0.1 and registered with each other ({@link connect}). */
export interface ServiceWorld {
  clock: ReturnType<typeof fixedClock>;
  platformServer: TestServer;
  toolServer: TestServer;
  platform: LtiPlatform;
  platformStores: MemoryStores;
  tool: LtiTool;
  toolStores: MemoryStores;
  /** The tool's target at the platform, for its first deployment. */
  target: Required<ServiceTarget>;
  /** What serves the platform's origin instead of `platform.fetch` (services next to its endpoints). */
  servePlatform(handler: (request: Request) => Promise<Response>): void;
  /** A tool instance over `toolStores`, as a restarted process would build it. */
  newTool(): LtiTool;
  close(): Promise<void>;
}

/**
 * Serves a platform (current user from the login hint only, `platform` options added) and a tool
 * (`onLaunch` answering "launched" unless given) on two loopback servers, the clock frozen at the
 * present second, and registers them with each other.
 */
export async function startServiceWorld(options: {
  registration: ConnectedToolRegistration;
  platform?: (stores: MemoryStores) => Partial<PlatformOptions>;
  onLaunch?: ToolOptions['onLaunch'];
}): Promise<ServiceWorld> {
  const clock = fixedClock(Math.floor(Date.now() / 1000));
  const servers: ServerPair = await servePair();
  const { platformServer, toolServer } = servers;
  const platformStores = createMemoryStores(clock);
  const toolStores = createMemoryStores(clock);
  const platform = createPlatform({
    issuer: platformServer.origin,
    stores: platformStores,
    clock,
    allowInsecureLoopback: true,
    currentUser: 'message-hint-only',
    ...options.platform?.(platformStores),
  });
  const onLaunch = options.onLaunch ?? (() => new Response('launched'));
  const newTool = (): LtiTool => createTool({ baseUrl: `${toolServer.origin}/lti`, stores: toolStores, clock, allowInsecureLoopback: true, onLaunch });
  const tool = newTool();
  servers.route({ platform: platform.fetch, tool: tool.fetch });
  const target = await connect(platform, tool, options.registration);
  return {
    clock,
    platformServer,
    toolServer,
    platform,
    platformStores,
    tool,
    toolStores,
    target,
    servePlatform: (handler) => servers.route({ platform: handler }),
    newTool,
    close: () => servers.close(),
  };
}
