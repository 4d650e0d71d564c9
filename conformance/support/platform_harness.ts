// The platform under certification (certification.md §5): the validator plays the tool. One tool
// registration in memory, the clock frozen, no socket — the authorization endpoint and the JWKS are
// called through `platform.fetch`.
//
// Of the library, only public package entries are imported, so the suite tests what users install
// (dist/); the HTML decoding of form pages is shared with the unit tests' support code.
import assert from 'node:assert/strict';
import { CONTEXT_ROLE, CONTEXT_TYPE, fixedClock } from 'ltikit';
import { createPlatform, type LaunchRequest, type LtiPlatform, type PlatformOptions } from 'ltikit/platform';
import { createMemoryStores, type ToolRegistration } from 'ltikit/stores';
import { NOW } from './tool_harness.js';
import { decodeHtml } from '../../packages/ltikit/test/support/browser.js';

export const PLATFORM_ISSUER = 'https://lms.example.edu';
export const AUTHORIZE_URL = `${PLATFORM_ISSUER}/lti/authorize`;
export const PLATFORM_JWKS_URL = `${PLATFORM_ISSUER}/.well-known/jwks.json`;

/** The validator registered as a tool (CERT-P-01). */
export const TOOL_CLIENT_ID = 'imstester_3dfad6d';
export const TOOL_DEPLOYMENT_ID = 'testdeploy';
export const TOOL_LOGIN_URL = 'https://tool.example.com/lti/login';
export const TOOL_REDIRECT_URI = 'https://tool.example.com/lti/launch';

/** A second registered tool, for hints issued to one client and presented by another. */
export const OTHER_CLIENT_ID = 'imstester_other';
export const OTHER_REDIRECT_URI = 'https://other-tool.example.net/lti/launch';

export const INSTRUCTOR_ID = '39890';
export const LEARNER_ID = '40899';
/** A learner the instructor-of-record mentors, for `role_scope_mentor`. */
export const MENTEE_ID = '40900';

/** The tool's state, as it would send it (opaque to the platform). */
export const TOOL_STATE = 'tool-state-7f3a9c';
export const TOOL_NONCE = 'tool-nonce-38a686abdea59';

export function toolRegistration(overrides: Partial<ToolRegistration> = {}): ToolRegistration {
  return {
    clientId: TOOL_CLIENT_ID,
    name: 'LTI Advantage validator',
    deploymentIds: [TOOL_DEPLOYMENT_ID],
    initiateLoginUri: TOOL_LOGIN_URL,
    redirectUris: [TOOL_REDIRECT_URI],
    targetLinkUri: TOOL_REDIRECT_URI,
    claims: ['name', 'given_name', 'family_name', 'middle_name', 'email', 'picture', 'locale'],
    customParameters: { user_id: '$User.id', context_id: '$Context.id', literal: 'cert' },
    ...overrides,
  };
}

/** The second registered tool ({@link OTHER_CLIENT_ID}), `overrides` merged over it. */
export function otherToolRegistration(overrides: Partial<ToolRegistration> = {}): ToolRegistration {
  return toolRegistration({
    clientId: OTHER_CLIENT_ID,
    name: 'Another tool',
    deploymentIds: ['otherdeploy'],
    initiateLoginUri: 'https://other-tool.example.net/lti/login',
    redirectUris: [OTHER_REDIRECT_URI],
    targetLinkUri: OTHER_REDIRECT_URI,
    ...overrides,
  });
}

/** A resource-link launch as a platform application would ask for it. */
export function launchRequest(kind: 'learner' | 'instructor', overrides: Partial<LaunchRequest> = {}): LaunchRequest {
  const user =
    kind === 'learner'
      ? { id: LEARNER_ID, name: 'Carrie A Lowell', givenName: 'Carrie', familyName: 'Lowell', middleName: 'A', email: 'c.lowell@district1.com', locale: 'en-US' }
      : { id: INSTRUCTOR_ID, name: 'Lauren Colleen Hutton', givenName: 'Lauren', familyName: 'Hutton', middleName: 'Colleen', email: 'l.hutton@district1.com', locale: 'en-US' };
  return {
    clientId: TOOL_CLIENT_ID,
    deploymentId: TOOL_DEPLOYMENT_ID,
    user,
    roles: [kind === 'learner' ? CONTEXT_ROLE.Learner : CONTEXT_ROLE.Instructor],
    context: { id: '8893483', label: 'Biology 102', title: 'Bio Adventures', type: [CONTEXT_TYPE.CourseSection] },
    resourceLink: { id: '3622bed7314b4f9c8f0e533e158ff797', title: 'Introduction Assignment', description: 'This is the introduction assignment' },
    ...overrides,
  };
}

export interface FormPost {
  action: string;
  method: string;
  fields: Record<string, string>;
}

/** The form of an auto-submitting page, or undefined when the page has none. */
export function parseForm(html: string): FormPost | undefined {
  const form = /<form[^>]*>/.exec(html)?.[0];
  if (form === undefined) return undefined;
  const action = /action="([^"]*)"/.exec(form)?.[1] ?? '';
  const method = /method="([^"]*)"/.exec(form)?.[1] ?? 'get';
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[decodeHtml(match[1]!)] = decodeHtml(match[2]!);
  }
  return { action: decodeHtml(action), method: method.toLowerCase(), fields };
}

export interface PlatformHarnessOptions {
  currentUser?: PlatformOptions['currentUser'];
  tool?: Partial<ToolRegistration>;
  product?: PlatformOptions['product'];
}

export interface AuthorizeOptions {
  method?: 'GET' | 'POST';
  /** Default `text/html`, as a browser sends it. */
  accept?: string;
}

export interface PlatformHarness {
  platform: LtiPlatform;
  clock: ReturnType<typeof fixedClock>;
  stores: ReturnType<typeof createMemoryStores>;
  /** Starts a launch and returns the login initiation parameters the tool receives. */
  createLaunch(request: LaunchRequest): Promise<Record<string, string>>;
  /** The authentication request a conforming tool sends after that login initiation (§2.2). */
  authenticationRequest(initiation: Record<string, string>): Record<string, string>;
  /** Sends an authentication request to the authorization endpoint; `undefined` values are left out. */
  authorize(parameters: Record<string, string | undefined>, options?: AuthorizeOptions): Promise<Response>;
}

export async function createPlatformHarness(options: PlatformHarnessOptions = {}): Promise<PlatformHarness> {
  const clock = fixedClock(NOW);
  const stores = createMemoryStores(clock);
  await stores.tools.saveTool(toolRegistration(options.tool));
  await stores.tools.saveTool(otherToolRegistration());
  const platform = createPlatform({
    issuer: PLATFORM_ISSUER,
    stores,
    clock,
    product: options.product ?? { guid: 'lms.example.edu', name: 'Example LMS', productFamilyCode: 'examplelms', version: '5.2' },
    currentUser: options.currentUser ?? 'message-hint-only',
  });

  async function createLaunch(request: LaunchRequest): Promise<Record<string, string>> {
    const initiation = await platform.createLaunch(request);
    const url = new URL(initiation.loginUrl);
    assert.equal(`${url.origin}${url.pathname}`, initiation.initiateLoginUri);
    return Object.fromEntries(url.searchParams);
  }

  function authenticationRequest(initiation: Record<string, string>): Record<string, string> {
    const clientId = initiation.client_id ?? TOOL_CLIENT_ID;
    return {
      scope: 'openid',
      response_type: 'id_token',
      response_mode: 'form_post',
      prompt: 'none',
      client_id: clientId,
      redirect_uri: clientId === OTHER_CLIENT_ID ? OTHER_REDIRECT_URI : TOOL_REDIRECT_URI,
      login_hint: initiation.login_hint ?? '',
      lti_message_hint: initiation.lti_message_hint ?? '',
      state: TOOL_STATE,
      nonce: TOOL_NONCE,
    };
  }

  function authorize(parameters: Record<string, string | undefined>, authorizeOptions: AuthorizeOptions = {}): Promise<Response> {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(parameters)) if (value !== undefined) query.set(name, value);
    const headers: Record<string, string> = { accept: authorizeOptions.accept ?? 'text/html' };
    if ((authorizeOptions.method ?? 'GET') === 'GET') {
      return platform.fetch(new Request(`${AUTHORIZE_URL}?${query}`, { headers }));
    }
    return platform.fetch(
      new Request(AUTHORIZE_URL, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        body: query.toString(),
      }),
    );
  }

  return { platform, clock, stores, createLaunch, authenticationRequest, authorize };
}

/**
 * Asserts that the authorization endpoint answered an error to the (registered) redirect URI as an
 * auto-submitted form POST (OIDC-024): `error` = the OAuth value, `error_description` naming `code`,
 * the tool's `state` echoed, and no id_token.
 */
export async function assertErrorPostedBack(
  response: Response,
  expected: { code: string; error: string; redirectUri?: string; state?: string },
): Promise<void> {
  const html = await response.text();
  assert.equal(response.status, 200, 'the error travels as a page that posts it back to the tool');
  assert.equal(response.headers.get('location'), null);
  const form = parseForm(html);
  assert.ok(form, `an auto-submitting form: ${html.slice(0, 300)}`);
  assert.equal(form.method, 'post');
  assert.equal(form.action, expected.redirectUri ?? TOOL_REDIRECT_URI);
  assert.match(html, /\.submit\(\)/, 'the form submits itself');
  assert.equal(form.fields.id_token, undefined, 'no id_token with an error');
  assert.equal(form.fields.error, expected.error);
  assert.equal(form.fields.error_description?.split(':')[0], expected.code);
  assert.equal(form.fields.state, expected.state ?? TOOL_STATE);
}
