// The tool under certification, wired the way the 1EdTech validator sees it (certification.md §0):
// one platform registration in memory, the platform's key set served by a fake `fetch`, the clock
// frozen, and no socket opened — every request goes straight into `tool.fetch`.
//
// Only public package entries are imported, so the suite tests what users install (dist/).
import assert from 'node:assert/strict';
import { type CompactJWSHeaderParameters, CompactSign, importJWK, type JWK } from 'jose';
import { AGS_CLAIM, CONTEXT_ROLE, CONTEXT_TYPE, fixedClock, LTI_CLAIM, LTI_VERSION, MESSAGE_TYPE, NRPS_CLAIM, SCOPE } from 'ltikit';
import { generateSigningKey, type SigningAlgorithm } from 'ltikit/keys';
import { createMemoryStores, type PlatformRegistration, type StoredSigningKey } from 'ltikit/stores';
import { createTool, type LtiLaunch, type LtiTool, type ToolOptions } from 'ltikit/tool';

// ---- test environment constants (certification.md §0)

/** Platform issuer of the legacy validator. */
export const ISSUER = 'https://ltiadvantagevalidator.imsglobal.org';
export const CLIENT_ID = 'imstester_3dfad6d';
export const DEPLOYMENT_ID = 'testdeploy';
export const AUTHORIZATION_ENDPOINT = `${ISSUER}/ltitool/oidcauthurl.html`;
/** Not in the recovered data [U]: any https URL works, the fake fetch serves it. */
export const PLATFORM_JWKS_URI = `${ISSUER}/ltitool/jwks.json`;

export const TOOL_BASE_URL = 'https://tool.example.com/lti';
export const LOGIN_URL = `${TOOL_BASE_URL}/login`;
export const LAUNCH_URL = `${TOOL_BASE_URL}/launch`;
/** The `target_link_uri` the tool registered with the validator ("whatever the tool registered", §0). */
export const TARGET_LINK_URI = `${TOOL_BASE_URL}/launch`;

/** The frozen "now" of every case, seconds since the epoch (2026-01-01T00:00:00Z). */
export const NOW = 1_767_225_600;
/** Lifetime of the validator's tokens: `exp - iat` = 300 s in the PB payloads. */
export const TOKEN_LIFETIME = 300;

export const INSTRUCTOR_SUB = '39890';
export const STUDENT_SUB = '40899';

// ---- the certification baseline payload (certification.md §1)

export type LaunchPayload = Record<string, unknown>;

/**
 * The baseline `LtiResourceLinkRequest` of certification.md §1: PII, context, NRPS and AGS claims,
 * a string `aud` and no `azp`. `student` is the baseline as recovered; `instructor` swaps the user
 * (sub 39890, "Lauren Colleen Hutton") and the role. Returns a fresh object each call, so cases
 * may delete or change claims freely.
 */
export function baselinePayload(kind: 'student' | 'instructor', nonce: string, now: number = NOW): LaunchPayload {
  const person =
    kind === 'student'
      ? {
          sub: STUDENT_SUB,
          name: 'Carrie A Lowell',
          given_name: 'Carrie',
          family_name: 'Lowell',
          middle_name: 'A',
          email: 'c.lowell@district1.com',
        }
      : {
          sub: INSTRUCTOR_SUB,
          name: 'Lauren Colleen Hutton',
          given_name: 'Lauren',
          family_name: 'Hutton',
          middle_name: 'Colleen',
          // [U] the instructor's address is not in the recovered data; composed in the same style.
          email: 'l.hutton@district1.com',
        };
  return {
    iss: ISSUER,
    aud: CLIENT_ID,
    sub: person.sub,
    exp: now + TOKEN_LIFETIME,
    iat: now,
    nonce,
    name: person.name,
    given_name: person.given_name,
    family_name: person.family_name,
    middle_name: person.middle_name,
    email: person.email,
    locale: 'en-US',
    [LTI_CLAIM.targetLinkUri]: TARGET_LINK_URI,
    [LTI_CLAIM.deploymentId]: DEPLOYMENT_ID,
    [LTI_CLAIM.messageType]: MESSAGE_TYPE.LtiResourceLinkRequest,
    [LTI_CLAIM.version]: LTI_VERSION,
    [LTI_CLAIM.roles]: [kind === 'student' ? CONTEXT_ROLE.Learner : CONTEXT_ROLE.Instructor],
    [LTI_CLAIM.context]: {
      id: '8893483',
      label: 'Biology 102',
      title: 'Bio Adventures',
      type: [CONTEXT_TYPE.CourseSection],
    },
    [LTI_CLAIM.resourceLink]: {
      id: '3622bed7314b4f9c8f0e533e158ff797',
      title: 'Introduction Assignment',
      description: 'This is the introduction assignment',
    },
    [NRPS_CLAIM.namesRoleService]: {
      context_memberships_url: `${ISSUER}/ltitool/namesandroles.html?memberships=1879`,
      service_versions: ['2.0'],
    },
    [AGS_CLAIM.endpoint]: {
      scope: [SCOPE.lineItem, SCOPE.resultReadonly, SCOPE.score],
      lineitems: `${ISSUER}/ltitool/rest/assignmentsgrades/1879/lineitems`,
    },
  };
}

/** The OIDC personal-data claims the "No PII" / "Only Email" / "Only Names" cases remove. */
export const NAME_CLAIMS = ['name', 'given_name', 'family_name', 'middle_name'] as const;

// ---- JWT construction (test input, not library code)

export function base64url(value: string | Uint8Array): string {
  return Buffer.from(typeof value === 'string' ? new TextEncoder().encode(value) : value).toString('base64url');
}

/**
 * A compact JWS assembled by hand from its three parts: for headers no signing library will
 * produce (`{}`, `alg: none` …). `signature` is the already base64url-encoded third part.
 */
export function assembleJwt(header: Record<string, unknown>, payload: Record<string, unknown>, signature = ''): string {
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}.${signature}`;
}

export interface SignOptions {
  /**
   * Merged over `{ alg, kid, typ: 'JWT' }` of the signing key; a member set to `undefined` is
   * removed (e.g. `{ kid: undefined }` for a header without `kid`).
   */
  header?: Record<string, unknown>;
  /** Default: the platform's registered key. */
  key?: StoredSigningKey;
}

/** Signs `payload` as a JWS with the platform key (or `options.key`) and any header variation. */
export async function signJwt(payload: Record<string, unknown>, defaultKey: StoredSigningKey, options: SignOptions = {}): Promise<string> {
  const key = options.key ?? defaultKey;
  const header: Record<string, unknown> = { alg: key.alg, kid: key.kid, typ: 'JWT', ...options.header };
  for (const [name, value] of Object.entries(header)) if (value === undefined) delete header[name];
  const privateKey = await importJWK(key.privateJwk, key.alg);
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader(header as CompactJWSHeaderParameters)
    .sign(privateKey);
}

// ---- the harness

export interface ToolHarnessOptions {
  /** Overrides of the tool options (the stores, clock, fetch and onLaunch stay the harness's). */
  tool?: Partial<Omit<ToolOptions, 'stores' | 'clock' | 'fetch' | 'onLaunch'>>;
  /** Overrides of the platform registration. */
  registration?: Partial<PlatformRegistration>;
  /** Algorithm of the platform's key. Default RS256. */
  algorithm?: SigningAlgorithm;
  /** Further public JWKs published in the platform JWKS. */
  extraPublicJwks?: JWK[];
}

export interface LoginOptions {
  method?: 'GET' | 'POST';
  /** Overrides of the login initiation parameters; `undefined` removes one. */
  parameters?: Record<string, string | undefined>;
}

/** A login the tool accepted: what the browser holds afterwards. */
export interface CompletedLogin {
  /** The 302 answer of the login endpoint. */
  response: Response;
  /** The authentication request the browser is sent to. */
  location: URL;
  state: string;
  nonce: string;
  /** `name=value` of the state cookie, ready for a Cookie header. */
  cookie: string;
}

export interface PostLaunchInput {
  idToken?: string;
  state?: string;
  /** The Cookie header; none when undefined. */
  cookie?: string;
  /** Further form fields (`error`, `error_description` …). */
  fields?: Record<string, string>;
  /** Default `application/json`, so an error body is `{ code, … }`. */
  accept?: string;
}

export interface LaunchAttempt {
  response: Response;
  login: CompletedLogin;
  payload: LaunchPayload;
  idToken: string;
}

export interface ToolHarness {
  tool: LtiTool;
  clock: ReturnType<typeof fixedClock>;
  /** The tool's stores (memory): its platform registration, and `lti11` for migration cases. */
  stores: ReturnType<typeof createMemoryStores>;
  /** The platform's registered signing key (its public half is in the JWKS). */
  platformKey: StoredSigningKey;
  registration: PlatformRegistration;
  /** Every URL the tool fetched (only the platform JWKS is served). */
  fetched: string[];
  /** Every launch the tool accepted, in order (what `onLaunch` received). */
  launches: LtiLaunch[];
  /** The default login initiation parameters, as the validator sends them. */
  loginParameters(): Record<string, string>;
  /** Sends a login initiation to `tool.fetch` and returns its raw answer. */
  requestLogin(options?: LoginOptions): Promise<Response>;
  /** A login that must succeed; reads the state from the cookie and the nonce from the Location. */
  login(options?: LoginOptions): Promise<CompletedLogin>;
  sign(payload: Record<string, unknown>, options?: SignOptions): Promise<string>;
  /** POSTs a launch form to the redirect URI through `tool.fetch`. */
  postLaunch(input: PostLaunchInput): Promise<Response>;
  /** login → baseline payload (edited by `edit`) → sign → POST with the state and its cookie. */
  launch(kind: 'student' | 'instructor', edit?: (payload: LaunchPayload) => void, signOptions?: SignOptions): Promise<LaunchAttempt>;
  /** The launch `onLaunch` received last; fails when none was accepted. */
  lastLaunch(): LtiLaunch;
}

/** Builds a fresh tool, registration, platform key and clock for one case. */
export async function createToolHarness(options: ToolHarnessOptions = {}): Promise<ToolHarness> {
  const clock = fixedClock(NOW);
  const stores = createMemoryStores(clock);
  const platformKey = await generateSigningKey({ alg: options.algorithm ?? 'RS256', now: NOW });
  const registration: PlatformRegistration = {
    issuer: ISSUER,
    clientId: CLIENT_ID,
    deploymentIds: [DEPLOYMENT_ID],
    authorizationEndpoint: AUTHORIZATION_ENDPOINT,
    jwksUri: PLATFORM_JWKS_URI,
    ...options.registration,
  };
  await stores.platforms.savePlatform(registration);

  const fetched: string[] = [];
  const jwks = { keys: [platformKey.publicJwk, ...(options.extraPublicJwks ?? [])] };
  const fakeFetch = (async (input: string | URL | Request) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    fetched.push(url);
    if (url === PLATFORM_JWKS_URI) return Response.json(jwks, { headers: { 'cache-control': 'max-age=300' } });
    return new Response('not found', { status: 404 });
  }) as typeof fetch;

  const launches: LtiLaunch[] = [];
  const tool = createTool({
    baseUrl: TOOL_BASE_URL,
    stores,
    clock,
    fetch: fakeFetch,
    onLaunch: (launch) => {
      launches.push(launch);
      return Response.json({ launched: true, userId: launch.userId ?? null });
    },
    ...options.tool,
  });

  const loginParameters = (): Record<string, string> => ({
    iss: ISSUER,
    login_hint: STUDENT_SUB,
    target_link_uri: TARGET_LINK_URI,
    lti_message_hint: 'cert-message-hint-1879',
    client_id: CLIENT_ID,
  });

  async function requestLogin(loginOptions: LoginOptions = {}): Promise<Response> {
    const parameters = new URLSearchParams();
    for (const [name, value] of Object.entries({ ...loginParameters(), ...loginOptions.parameters })) {
      if (value !== undefined) parameters.set(name, value);
    }
    const headers = { accept: 'application/json' };
    if ((loginOptions.method ?? 'GET') === 'GET') {
      return tool.fetch(new Request(`${LOGIN_URL}?${parameters}`, { headers }));
    }
    return tool.fetch(
      new Request(LOGIN_URL, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        body: parameters.toString(),
      }),
    );
  }

  async function login(loginOptions: LoginOptions = {}): Promise<CompletedLogin> {
    const response = await requestLogin(loginOptions);
    assert.equal(response.status, 302, `login initiation should redirect, got ${response.status}: ${await response.clone().text()}`);
    const location = new URL(response.headers.get('location') ?? '');
    const setCookie = response.headers.getSetCookie().find((cookie) => cookie.startsWith('__Host-ltikit_state_'));
    assert.ok(setCookie, 'login initiation sets the state cookie (OIDC-011)');
    const pair = setCookie.split(';')[0]!;
    const state = decodeURIComponent(pair.slice(pair.indexOf('=') + 1));
    assert.equal(location.searchParams.get('state'), state, 'the cookie binds the state sent to the platform');
    const nonce = location.searchParams.get('nonce');
    assert.ok(nonce, 'the authentication request carries a nonce');
    return { response, location, state, nonce, cookie: pair };
  }

  function postLaunch(input: PostLaunchInput): Promise<Response> {
    const form = new URLSearchParams();
    if (input.idToken !== undefined) form.set('id_token', input.idToken);
    if (input.state !== undefined) form.set('state', input.state);
    for (const [name, value] of Object.entries(input.fields ?? {})) form.set(name, value);
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: input.accept ?? 'application/json',
    };
    if (input.cookie !== undefined) headers.cookie = input.cookie;
    return tool.fetch(new Request(LAUNCH_URL, { method: 'POST', headers, body: form.toString() }));
  }

  const sign = (payload: Record<string, unknown>, signOptions?: SignOptions): Promise<string> => signJwt(payload, platformKey, signOptions);

  async function launch(
    kind: 'student' | 'instructor',
    edit?: (payload: LaunchPayload) => void,
    signOptions?: SignOptions,
  ): Promise<LaunchAttempt> {
    const completed = await login({ parameters: { login_hint: kind === 'student' ? STUDENT_SUB : INSTRUCTOR_SUB } });
    const payload = baselinePayload(kind, completed.nonce, clock.now());
    edit?.(payload);
    const idToken = await sign(payload, signOptions);
    const response = await postLaunch({ idToken, state: completed.state, cookie: completed.cookie });
    return { response, login: completed, payload, idToken };
  }

  function lastLaunch(): LtiLaunch {
    const last = launches.at(-1);
    assert.ok(last, 'the tool accepted a launch');
    return last;
  }

  return {
    tool,
    clock,
    stores,
    platformKey,
    registration,
    fetched,
    launches,
    loginParameters,
    requestLogin,
    login,
    sign,
    postLaunch,
    launch,
    lastLaunch,
  };
}
