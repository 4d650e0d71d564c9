// Deep Linking fixtures shared by the unit, round-trip and end-to-end tests: one full content item
// of each type (deep-linking.md §2.2, §3), a platform with a tool whose key the test holds (to sign
// responses of any shape), and a platform and a tool wired to each other (in memory or over HTTP).
import { decodeJwt, type JWTPayload } from 'jose';
import { fixedClock } from '../../src/lib/clock.js';
import type { ContentItem } from '../../src/messages/deep_linking.js';
import type { PlatformOptions } from '../../src/platform/config.js';
import { createPlatform, type LtiPlatform } from '../../src/platform/create_platform.js';
import type { DeepLinkingRequestSettings } from '../../src/platform/launch/deep_linking_request.js';
import type { LaunchRequest } from '../../src/platform/launch/launch_request.js';
import type { DeepLinkingResult } from '../../src/platform/deep_linking/verify_deep_linking_response.js';
import { createMemoryStores } from '../../src/stores/memory.js';
import type { ToolRegistration } from '../../src/stores/types.js';
import { createTool, type LtiTool } from '../../src/tool/create_tool.js';
import type { DeepLinkingResponseOptions } from '../../src/tool/deep_linking/create_deep_linking_response.js';
import type { LtiLaunch } from '../../src/tool/launch/validate_launch.js';
import { DL_CLAIM, LTI_CLAIM } from '../../src/vocab/claims.js';
import { CONTEXT_ROLE } from '../../src/vocab/roles.js';
import { lmsSessionUser, parseForm } from './browser.js';
import { type TestPlatformKey, createPlatformKey } from './platform_key.js';

/** One full item of each type, as deep-linking.md §2.2 and §3 spell them. */
export const FULL_ITEMS: ContentItem[] = [
  {
    type: 'link',
    url: 'https://video.example.com/v/42',
    title: 'Intro video',
    text: 'Two minutes',
    icon: { url: 'https://video.example.com/icon.png', width: 32, height: 32 },
    thumbnail: { url: 'https://video.example.com/thumb.png', width: 320, height: 180 },
    embed: { html: '<iframe src="https://video.example.com/embed/42"></iframe>' },
    window: { targetName: 'video', width: 800, height: 600, windowFeatures: 'menubar=no' },
    iframe: { src: 'https://video.example.com/embed/42', width: 640, height: 360 },
  },
  {
    type: 'ltiResourceLink',
    title: 'Fractions practice',
    text: 'Ten adaptive questions',
    url: 'https://tool.example.com/lti/launch/fractions',
    icon: { url: 'https://tool.example.com/img/icon.png', width: 64, height: 64 },
    custom: { activity_id: 'fr-10', mode: 'practice' },
    lineItem: { label: 'Fractions practice', scoreMaximum: 10, resourceId: 'fr-10', tag: 'practice', gradesReleased: true },
    available: { startDateTime: '2026-02-01T00:00:00Z', endDateTime: '2026-03-01T00:00:00Z' },
    submission: { endDateTime: '2026-02-20T23:59:59Z' },
    iframe: { width: 900, height: 700 },
    window: { targetName: 'fractions', width: 1000, height: 800, windowFeatures: 'menubar=no' },
  },
  { type: 'file', url: 'https://tool.example.com/dl/worksheet.pdf?sig=abc', title: 'Worksheet', expiresAt: '2026-02-01T12:00:00Z' },
  { type: 'html', html: '<p>Read <b>chapter 2</b> before class.</p>', title: 'Reading note' },
  { type: 'image', url: 'https://tool.example.com/img/diagram.png', width: 800, height: 600, title: 'Diagram' },
];


export const T0 = 1_767_225_600;
export const PLATFORM_ISSUER = 'https://lms.example.edu';
export const TOOL_CLIENT_ID = 'c-7731';
export const OTHER_CLIENT_ID = 'c-other';
export const DEPLOYMENT_ID = 'dep-01';
export const TOOL_LAUNCH_URL = 'https://tool.example.com/lti/launch';
export const TOOL_DEEP_LINKING_URL = 'https://tool.example.com/lti/launch?picker=1';

/** Everything offered: the five types, both targets, several items, line items, and `data`. */
export const FULL_OFFER: DeepLinkingRequestSettings = {
  accept_types: ['ltiResourceLink', 'link', 'file', 'html', 'image'],
  accept_presentation_document_targets: ['iframe', 'window', 'embed'],
  accept_media_types: 'image/*,text/html',
  accept_multiple: true,
  accept_lineitem: true,
  auto_create: false,
  title: 'Pick an activity',
  text: 'Anything from the tool',
  data: 'opaque-7f2a91',
};

/** A Deep Linking request as a platform application asks for it. */
export function deepLinkingLaunch(overrides: Partial<LaunchRequest> = {}): LaunchRequest {
  return {
    messageType: 'LtiDeepLinkingRequest',
    clientId: TOOL_CLIENT_ID,
    deploymentId: DEPLOYMENT_ID,
    user: { id: 'u-instructor', name: 'Ada Lovelace' },
    roles: [CONTEXT_ROLE.Instructor],
    context: { id: 'ctx-991', label: 'MATH101', title: 'Calculus I' },
    deepLinking: FULL_OFFER,
    ...overrides,
  };
}

/** A request the platform issued: the id_token's claims and where the response goes. */
export interface IssuedDeepLinkingRequest {
  claims: JWTPayload;
  returnUrl: string;
  launchId: string;
}

/**
 * A platform (frozen clock, no socket) with two registered tools whose signing keys the test holds,
 * so responses of any shape can be signed: `issue()` runs createLaunch and the authorization
 * endpoint, `respond()` signs a response and POSTs it to the return URL.
 */
export async function createDeepLinkingPlatform(options: { tool?: Partial<ToolRegistration>; platform?: Partial<PlatformOptions> } = {}) {
  const clock = fixedClock(T0);
  const stores = createMemoryStores(clock);
  const toolKey = await createPlatformKey({ alg: 'RS256', kid: 'tool-key-1' });
  const otherKey = await createPlatformKey({ alg: 'ES256', kid: 'other-key-1' });
  const registration = (clientId: string, key: TestPlatformKey, overrides: Partial<ToolRegistration> = {}): ToolRegistration => ({
    clientId,
    name: `Tool ${clientId}`,
    deploymentIds: [DEPLOYMENT_ID, 'dep-02'],
    initiateLoginUri: 'https://tool.example.com/lti/login',
    redirectUris: [TOOL_LAUNCH_URL],
    targetLinkUri: TOOL_LAUNCH_URL,
    deepLinkingUri: TOOL_DEEP_LINKING_URL,
    publicJwk: key.publicJwk,
    claims: ['name'],
    ...overrides,
  });
  await stores.tools.saveTool(registration(TOOL_CLIENT_ID, toolKey, options.tool));
  await stores.tools.saveTool(registration(OTHER_CLIENT_ID, otherKey));
  const results: DeepLinkingResult[] = [];
  const platform = createPlatform({
    issuer: PLATFORM_ISSUER,
    stores,
    clock,
    signingAlgorithm: 'ES256',
    currentUser: 'message-hint-only',
    onDeepLinkingResponse: (result) => {
      results.push(result);
      return Response.json({ received: result.contentItems.length });
    },
    ...options.platform,
  });

  async function issue(request: LaunchRequest = deepLinkingLaunch()): Promise<IssuedDeepLinkingRequest> {
    const initiation = await platform.createLaunch(request);
    const url = new URL(platform.config.authorizationEndpoint);
    const parameters = {
      scope: 'openid',
      response_type: 'id_token',
      response_mode: 'form_post',
      prompt: 'none',
      client_id: request.clientId,
      redirect_uri: TOOL_LAUNCH_URL,
      login_hint: initiation.parameters.login_hint!,
      lti_message_hint: initiation.parameters.lti_message_hint!,
      state: 'state-1',
      nonce: `nonce-${initiation.launchId}`,
    };
    for (const [name, value] of Object.entries(parameters)) url.searchParams.set(name, value);
    const response = await platform.fetch(new Request(url, { headers: { accept: 'text/html' } }));
    const claims = decodeJwt(parseForm(await response.text()).fields.id_token!);
    const settings = claims[DL_CLAIM.deepLinkingSettings] as { deep_link_return_url: string };
    return { claims, returnUrl: settings.deep_link_return_url, launchId: initiation.launchId };
  }

  /** A valid response to `issued` (`iss`, `aud`, times, nonce, deployment, `data` echoed), with overrides. */
  function responsePayload(issued: IssuedDeepLinkingRequest, overrides: Record<string, unknown> = {}): JWTPayload {
    const settings = issued.claims[DL_CLAIM.deepLinkingSettings] as { data?: string };
    const payload: JWTPayload = {
      iss: TOOL_CLIENT_ID,
      aud: PLATFORM_ISSUER,
      iat: clock.now(),
      exp: clock.now() + 300,
      nonce: `response-${crypto.randomUUID()}`,
      [LTI_CLAIM.messageType]: 'LtiDeepLinkingResponse',
      [LTI_CLAIM.version]: '1.3.0',
      [LTI_CLAIM.deploymentId]: issued.claims[LTI_CLAIM.deploymentId],
      [DL_CLAIM.contentItems]: [{ type: 'ltiResourceLink', title: 'Quiz 1', url: 'https://tool.example.com/lti/launch/quiz-1' }],
      [DL_CLAIM.msg]: 'Quiz 1 added',
      ...(settings.data === undefined ? {} : { [DL_CLAIM.data]: settings.data }),
    };
    for (const [claim, value] of Object.entries(overrides)) {
      if (value === undefined) delete payload[claim];
      else payload[claim] = value;
    }
    return payload;
  }

  /** POSTs `fields` (form-encoded) to a return URL through `platform.fetch`. */
  function post(returnUrl: string, fields: Record<string, string>, accept = 'application/json'): Promise<Response> {
    return platform.fetch(
      new Request(returnUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept },
        body: new URLSearchParams(fields).toString(),
      }),
    );
  }

  /** Signs a response to `issued` (with the tool's key unless `key` is given) and POSTs it as `JWT`. */
  async function respond(
    issued: IssuedDeepLinkingRequest,
    overrides: Record<string, unknown> = {},
    signing: { key?: TestPlatformKey; header?: Record<string, unknown>; accept?: string } = {},
  ): Promise<{ response: Response; jwt: string }> {
    const jwt = await (signing.key ?? toolKey).sign(responsePayload(issued, overrides), signing.header);
    return { response: await post(issued.returnUrl, { JWT: jwt }, signing.accept), jwt };
  }

  return { platform, stores, clock, toolKey, otherKey, results, issue, responsePayload, post, respond };
}

/** What the tool of a {@link createDeepLinkingWorld} answers a Deep Linking launch with. */
export interface ToolAnswer {
  items: ContentItem[];
  options?: DeepLinkingResponseOptions;
}

/**
 * Our platform and our tool registered with each other, each reaching the other through `fetch`
 * (the tool fetches the platform JWKS, the platform the tool JWKS): pass a router for an in-memory
 * world, or the global fetch when both are served over HTTP. The tool answers every Deep Linking
 * launch with `answer` (the items it was told to pick) and every other launch with JSON.
 */
export async function createDeepLinkingWorld(options: {
  platformOrigin: string;
  toolOrigin: string;
  fetch: typeof fetch;
  answer: (launch: LtiLaunch) => ToolAnswer;
  allowInsecureLoopback?: boolean;
  clock?: ReturnType<typeof fixedClock>;
}): Promise<{ platform: LtiPlatform; tool: LtiTool; results: DeepLinkingResult[]; launches: LtiLaunch[] }> {
  const clock = options.clock ?? fixedClock(T0);
  const platformStores = createMemoryStores(clock);
  const toolStores = createMemoryStores(clock);
  const results: DeepLinkingResult[] = [];
  const launches: LtiLaunch[] = [];
  const allowInsecureLoopback = options.allowInsecureLoopback ?? false;
  const platform = createPlatform({
    issuer: options.platformOrigin,
    stores: platformStores,
    clock,
    allowInsecureLoopback,
    fetch: options.fetch,
    // OIDC-023: the platform's own session says who is signed in.
    currentUser: lmsSessionUser,
    onDeepLinkingResponse: (result) => {
      results.push(result);
      return Response.json({ placed: result.contentItems.map((item) => item.title ?? item.type), msg: result.msg ?? null });
    },
  });
  const tool: LtiTool = createTool({
    baseUrl: `${options.toolOrigin}/lti`,
    stores: toolStores,
    clock,
    allowInsecureLoopback,
    fetch: options.fetch,
    messageTypes: ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'],
    onLaunch: (launch) => {
      launches.push(launch);
      if (launch.deepLinking === undefined) return Response.json({ resourceLink: launch.resourceLink, custom: launch.custom });
      const { items, options: responseOptions } = options.answer(launch);
      return tool.createDeepLinkingResponse(launch, items, responseOptions);
    },
  });
  await platformStores.tools.saveTool({
    clientId: TOOL_CLIENT_ID,
    name: 'Test tool',
    deploymentIds: [DEPLOYMENT_ID],
    initiateLoginUri: tool.config.loginUrl,
    redirectUris: [tool.config.launchUrl],
    targetLinkUri: tool.config.launchUrl,
    deepLinkingUri: `${tool.config.launchUrl}?picker=1`,
    jwksUri: tool.config.jwksUrl,
    claims: ['name'],
  });
  await toolStores.platforms.savePlatform({
    issuer: options.platformOrigin,
    clientId: TOOL_CLIENT_ID,
    deploymentIds: [DEPLOYMENT_ID],
    authorizationEndpoint: platform.config.authorizationEndpoint,
    jwksUri: platform.config.jwksUri,
  });
  return { platform, tool, results, launches };
}

/** Routes a request to the handler serving its origin: an in-memory network without sockets. */
export function inMemoryNetwork(handlers: Record<string, () => (request: Request) => Promise<Response>>): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const handler = handlers[new URL(request.url).origin];
    if (handler === undefined) return new Response('unknown host', { status: 502 });
    return handler()(request);
  };
}
