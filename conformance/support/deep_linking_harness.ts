// Deep Linking cases (certification.md §3 and CERT-P-20/21), both ways:
// - the tool under certification receives the validator's LtiDeepLinkingRequest (§3: no
//   target_link_uri, no resource_link, the recovered deep_linking_settings) and answers it; the
//   response page and JWT are read as the validator reads them, verified with the tool's own JWKS;
// - the platform under certification sends a Deep Linking request to the validator (registered as a
//   tool whose signing key the case holds) and receives responses of any shape at its return URL.
//
// Only public package entries of the library are imported (dist/), plus the harnesses next to this one
// and the recovered request settings, shared with the unit tests' support code.
import assert from 'node:assert/strict';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, type JSONWebKeySet, type JWTPayload, jwtVerify, type ProtectedHeaderParameters } from 'jose';
import { CONTEXT_ROLE, CONTEXT_TYPE, fixedClock } from 'ltikit';
import { generateSigningKey } from 'ltikit/keys';
import { createPlatform, type DeepLinkingRequestSettings, type DeepLinkingResult, type LaunchRequest, type LtiPlatform } from 'ltikit/platform';
import { createMemoryStores, type StoredSigningKey, type ToolRegistration } from 'ltikit/stores';
import type { ContentItem, DeepLinkingResponseOptions } from 'ltikit/tool';
import { DL_CLAIM, LTI_CLAIM, MESSAGE_TYPE } from 'ltikit/vocab';
import { otherToolRegistration, PLATFORM_ISSUER, parseForm, TOOL_CLIENT_ID, TOOL_DEPLOYMENT_ID, TOOL_REDIRECT_URI, toolRegistration } from './platform_harness.js';
import { CERT_DATA, certificationSettings as recoveredSettings } from '../../packages/ltikit/test/support/deep_linking_certification.js';
import { type LaunchAttempt, type LaunchPayload, NOW, type SignOptions, type ToolHarness, TOOL_BASE_URL, createToolHarness, ISSUER, signJwt } from './tool_harness.js';

// ---- the tool under certification (certification.md §3)

/** The validator's return URL (certification.md §0). */
export const CERT_DEEP_LINK_RETURN_URL = `${ISSUER}/ltitool/deeplinkresponse.html`;
/** The `data` of the recovered request, which the response must echo (CERT-T-55). */
export { CERT_DATA };

/** `deep_linking_settings` of the validator's request, as recovered (certification.md §3, [V:PB]). */
export function certificationSettings(): Record<string, unknown> {
  return recoveredSettings(CERT_DEEP_LINK_RETURN_URL);
}

/**
 * Turns the instructor baseline into the validator's Deep Linking request (CERT-T-50): message type,
 * settings, the launch presentation it sends; no `target_link_uri`, no `resource_link`.
 */
export function asDeepLinkingRequest(payload: LaunchPayload): void {
  payload[LTI_CLAIM.messageType] = MESSAGE_TYPE.LtiDeepLinkingRequest;
  delete payload[LTI_CLAIM.targetLinkUri];
  delete payload[LTI_CLAIM.resourceLink];
  payload[LTI_CLAIM.launchPresentation] = { document_target: 'window', height: 360, width: 480 };
  payload[DL_CLAIM.deepLinkingSettings] = certificationSettings();
}

/** A tool that accepts Deep Linking requests besides resource link launches. */
export function createDeepLinkingToolHarness(): Promise<ToolHarness> {
  return createToolHarness({ tool: { messageTypes: [MESSAGE_TYPE.LtiResourceLinkRequest, MESSAGE_TYPE.LtiDeepLinkingRequest] } });
}

/** The validator launches its Deep Linking request (instructor), `edit` varying it further. */
export function launchDeepLinking(harness: ToolHarness, edit?: (payload: LaunchPayload) => void): Promise<LaunchAttempt> {
  return harness.launch('instructor', (payload) => {
    asDeepLinkingRequest(payload);
    edit?.(payload);
  });
}

/** What the validator receives from the tool: the page, its form, and the JWT verified with the tool JWKS. */
export interface ReceivedResponse {
  page: Response;
  html: string;
  action: string;
  method: string;
  fields: Record<string, string>;
  jwt: string;
  header: ProtectedHeaderParameters;
  payload: JWTPayload;
  jwks: JSONWebKeySet;
}

/** Launches the validator's request, has the tool answer with `items`, and reads the answer. */
export async function deepLinkingRoundTrip(harness: ToolHarness, items: ContentItem[], options: DeepLinkingResponseOptions = {}): Promise<ReceivedResponse> {
  const { response } = await launchDeepLinking(harness);
  assert.equal(response.status, 200, `the tool accepts the Deep Linking request: ${await response.clone().text()}`);
  const launch = harness.lastLaunch();
  const page = await harness.tool.createDeepLinkingResponse(launch, items, options);
  const html = await page.clone().text();
  const form = parseForm(html);
  assert.ok(form, 'the tool answers with a form');
  const jwt = form.fields.JWT ?? '';
  const jwksResponse = await harness.tool.fetch(new Request(`${TOOL_BASE_URL}/jwks`));
  const jwks = (await jwksResponse.json()) as JSONWebKeySet;
  const { payload } = await jwtVerify(jwt, createLocalJWKSet(jwks), { currentDate: new Date(harness.clock.now() * 1000) });
  return { page, html, action: form.action, method: form.method, fields: form.fields, jwt, header: decodeProtectedHeader(jwt), payload, jwks };
}

// ---- the platform under certification (CERT-P-20, CERT-P-21)

/** The Deep Linking URL the validator registered with the platform (DL-003) [U]. */
export const TOOL_DEEP_LINKING_URL = 'https://tool.example.com/lti/deep-linking';

/** What the platform application offers in its Deep Linking requests. */
export function platformOffer(overrides: Partial<DeepLinkingRequestSettings> = {}): DeepLinkingRequestSettings {
  return {
    accept_types: ['ltiResourceLink', 'link', 'file', 'html', 'image'],
    accept_presentation_document_targets: ['iframe', 'window'],
    accept_media_types: 'image/*,text/html',
    accept_multiple: true,
    accept_lineitem: true,
    auto_create: false,
    title: 'Add an activity',
    data: 'course-8893483-module-2',
    ...overrides,
  };
}

/** An instructor's Deep Linking request as the platform application asks for it. */
export function deepLinkingRequest(overrides: Partial<LaunchRequest> = {}): LaunchRequest {
  return {
    messageType: 'LtiDeepLinkingRequest',
    clientId: TOOL_CLIENT_ID,
    deploymentId: TOOL_DEPLOYMENT_ID,
    user: { id: '39890', name: 'Lauren Colleen Hutton' },
    roles: [CONTEXT_ROLE.Instructor],
    context: { id: '8893483', label: 'Biology 102', title: 'Bio Adventures', type: [CONTEXT_TYPE.CourseSection] },
    deepLinking: platformOffer(),
    ...overrides,
  };
}

/** A Deep Linking request the platform issued, as the validator received it. */
export interface IssuedRequest {
  idToken: string;
  claims: JWTPayload;
  returnUrl: string;
  /** The login initiation parameters. */
  initiation: Record<string, string>;
}

export interface DeepLinkingPlatformHarness {
  platform: LtiPlatform;
  clock: ReturnType<typeof fixedClock>;
  /** The validator's signing key (registered as the tool's public key). */
  toolKey: StoredSigningKey;
  /** The second tool's signing key. */
  otherKey: StoredSigningKey;
  /** What `onDeepLinkingResponse` received, in order. */
  results: DeepLinkingResult[];
  /** createLaunch → the validator's authentication request → the id_token. */
  issue(request?: LaunchRequest): Promise<IssuedRequest>;
  /** A conforming response to `issued`; an override set to `undefined` removes the claim. */
  responsePayload(issued: IssuedRequest, overrides?: Record<string, unknown>): Record<string, unknown>;
  /** POSTs form `fields` to `url` (Accept: application/json, so an error is `{ code }`). */
  post(url: string, fields: Record<string, string>): Promise<Response>;
  /** Signs a response to `issued` (the validator's key unless `signing.key`) and POSTs it as `JWT`. */
  respond(issued: IssuedRequest, overrides?: Record<string, unknown>, signing?: SignOptions): Promise<{ response: Response; jwt: string }>;
}

let nonceCounter = 0;

export async function createDeepLinkingPlatformHarness(options: { tool?: Partial<ToolRegistration> } = {}): Promise<DeepLinkingPlatformHarness> {
  const clock = fixedClock(NOW);
  const stores = createMemoryStores(clock);
  const toolKey = await generateSigningKey({ alg: 'RS256', now: NOW, kid: 'validator-key-1' });
  const otherKey = await generateSigningKey({ alg: 'RS256', now: NOW, kid: 'other-key-1' });
  await stores.tools.saveTool(toolRegistration({ deepLinkingUri: TOOL_DEEP_LINKING_URL, publicJwk: toolKey.publicJwk, ...options.tool }));
  await stores.tools.saveTool(otherToolRegistration({ publicJwk: otherKey.publicJwk }));
  const results: DeepLinkingResult[] = [];
  const platform = createPlatform({
    issuer: PLATFORM_ISSUER,
    stores,
    clock,
    currentUser: 'message-hint-only',
    onDeepLinkingResponse: (result) => {
      results.push(result);
      return Response.json({ placed: result.contentItems.length });
    },
  });

  async function issue(request: LaunchRequest = deepLinkingRequest()): Promise<IssuedRequest> {
    const initiation = Object.fromEntries(new URL((await platform.createLaunch(request)).loginUrl).searchParams);
    const query = new URLSearchParams({
      scope: 'openid',
      response_type: 'id_token',
      response_mode: 'form_post',
      prompt: 'none',
      client_id: request.clientId,
      redirect_uri: TOOL_REDIRECT_URI,
      login_hint: initiation.login_hint ?? '',
      lti_message_hint: initiation.lti_message_hint ?? '',
      state: 'validator-state',
      nonce: `validator-nonce-${++nonceCounter}`,
    });
    const response = await platform.fetch(new Request(`${PLATFORM_ISSUER}/lti/authorize?${query}`, { headers: { accept: 'text/html' } }));
    const idToken = parseForm(await response.text())?.fields.id_token;
    assert.ok(idToken, 'the platform issued an id_token');
    const claims = decodeJwt(idToken);
    const settings = claims[DL_CLAIM.deepLinkingSettings] as { deep_link_return_url?: string } | undefined;
    return { idToken, claims, returnUrl: settings?.deep_link_return_url ?? '', initiation };
  }

  function responsePayload(issued: IssuedRequest, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const settings = issued.claims[DL_CLAIM.deepLinkingSettings] as { data?: string };
    const payload: Record<string, unknown> = {
      iss: TOOL_CLIENT_ID,
      aud: PLATFORM_ISSUER,
      iat: clock.now(),
      exp: clock.now() + 600,
      nonce: `validator-response-${++nonceCounter}`,
      [LTI_CLAIM.messageType]: MESSAGE_TYPE.LtiDeepLinkingResponse,
      [LTI_CLAIM.version]: '1.3.0',
      [LTI_CLAIM.deploymentId]: issued.claims[LTI_CLAIM.deploymentId],
      [DL_CLAIM.contentItems]: [
        {
          type: 'ltiResourceLink',
          title: 'Cell biology quiz',
          url: 'https://tool.example.com/lti/launch',
          custom: { quiz_id: 'q-42', attempts: '2' },
          lineItem: { scoreMaximum: 20, label: 'Cell biology quiz', resourceId: 'q-42' },
        },
      ],
      [DL_CLAIM.msg]: 'Quiz added',
      ...(settings.data === undefined ? {} : { [DL_CLAIM.data]: settings.data }),
    };
    for (const [claim, value] of Object.entries(overrides)) {
      if (value === undefined) delete payload[claim];
      else payload[claim] = value;
    }
    return payload;
  }

  function post(url: string, fields: Record<string, string>): Promise<Response> {
    return platform.fetch(
      new Request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams(fields).toString(),
      }),
    );
  }

  async function respond(issued: IssuedRequest, overrides: Record<string, unknown> = {}, signing: SignOptions = {}): Promise<{ response: Response; jwt: string }> {
    const jwt = await signJwt(responsePayload(issued, overrides), toolKey, signing);
    return { response: await post(issued.returnUrl, { JWT: jwt }), jwt };
  }

  return { platform, clock, toolKey, otherKey, results, issue, responsePayload, post, respond };
}
