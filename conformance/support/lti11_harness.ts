// LTI 1.1 both ways (lti11.md §1–§3), as a certification suite drives them: the validator's own
// OAuth 1.0a HMAC-SHA1 signer, written from RFC 5849 §3.4 over WebCrypto, independent of the library
// and checked against the spec's vector B before any case uses it; the tool under certification
// receiving signed launch forms; the platform under certification receiving signed Basic Outcomes
// calls. The clock is frozen and no socket is opened: requests go straight into `tool.fetch` and
// `platform.fetch`.
//
// Of the library, only public package entries are imported (dist/).
import assert from 'node:assert/strict';
import { CONTEXT_ROLE, fixedClock } from 'ltikit';
import type { LtiErrorCode } from 'ltikit/errors';
import { type OutcomeRequestInput, type OutcomeResponse, buildOutcomeRequest, parseOutcomeResponse } from 'ltikit/messages';
import { type LtiPlatform, createPlatform } from 'ltikit/platform';
import { createMemoryStores, type StoredScore } from 'ltikit/stores';
import { type Lti11Launch, type LtiTool, createTool } from 'ltikit/tool';
import { independentBodyHash, independentSignature, rfc3986 } from '../../packages/ltikit/test/support/independent_oauth1.js';
import { VECTOR_B, vectorBParameters } from '../../packages/ltikit/test/support/oauth1_vectors.js';
import { NOW } from './tool_harness.js';

// ---- the validator's OAuth 1.0a signer (RFC 5849 §3.4, HMAC-SHA1; OA-001..OA-003, BO-002)

export type OAuthPair = [name: string, value: string];

/**
 * The signature of a request (OA-002, OA-003): the base string of the method, the base URL (no
 * query, no fragment) and every parameter — the given ones and the URL's query — encoded, sorted by
 * name then value, signed with HMAC-SHA1 under `enc(secret)&`, by the tests' independent signer.
 */
export async function oauthSignature(input: { method: string; url: string; parameters: readonly OAuthPair[]; secret: string }): Promise<string> {
  return independentSignature(input.method, input.url, [...input.parameters, ...new URL(input.url).searchParams], input.secret);
}

/** The `oauth_*` parameters of a request, `oauth_signature` last. */
export async function oauthParameters(input: {
  url: string;
  parameters: readonly OAuthPair[];
  consumerKey: string;
  secret: string;
  timestamp: number;
  nonce: string;
  callback?: string;
  bodyHash?: string;
}): Promise<OAuthPair[]> {
  const oauth: OAuthPair[] = [
    ['oauth_version', '1.0'],
    ['oauth_nonce', input.nonce],
    ['oauth_timestamp', String(input.timestamp)],
    ['oauth_consumer_key', input.consumerKey],
    ['oauth_signature_method', 'HMAC-SHA1'],
  ];
  if (input.callback !== undefined) oauth.push(['oauth_callback', input.callback]);
  if (input.bodyHash !== undefined) oauth.push(['oauth_body_hash', input.bodyHash]);
  const signature = await oauthSignature({ method: 'POST', url: input.url, parameters: [...input.parameters, ...oauth], secret: input.secret });
  return [...oauth, ['oauth_signature', signature]];
}

let signerChecked: Promise<void> | undefined;

/** The signer reproduces lti11.md §2 vector B before any case relies on it. */
function checkSignerAgainstVectorB(): Promise<void> {
  signerChecked ??= (async () => {
    const signature = await oauthSignature({ method: 'POST', url: VECTOR_B.url, secret: VECTOR_B.consumerSecret, parameters: vectorBParameters() });
    assert.equal(signature, VECTOR_B.signature, 'the validator signer reproduces lti11.md vector B');
  })();
  return signerChecked;
}

// ---- the 1.1 credential the validator and the party under certification share (OA-006)

export const CONSUMER_KEY = 'imstester_lti11';
export const SECRET = 'lti11-validator-secret';
/** The learner of the 1.1 cases (the certification student). */
export const LEARNER_ID = '40899';

// ---- the tool under certification (L11-001..L11-004, OA-004..OA-006)

export const TOOL_BASE_URL = 'https://tool.example.com/lti';
/** The launch URL the validator signs (OA-004): the tool's `lti11` endpoint. */
export const LTI11_LAUNCH_URL = `${TOOL_BASE_URL}/lti11/launch`;

/** The validator's basic launch (lti11.md §1.1, §1.2): a learner on a link of a course, with a return URL. */
export function baselineLaunchFields(): Record<string, string> {
  return {
    lti_message_type: 'basic-lti-launch-request',
    lti_version: 'LTI-1p0',
    resource_link_id: '3622bed7314b4f9c8f0e533e158ff797',
    resource_link_title: 'Introduction Assignment',
    user_id: LEARNER_ID,
    roles: 'Learner',
    context_id: '8893483',
    context_title: 'Bio Adventures',
    launch_presentation_return_url: 'https://ltiadvantagevalidator.imsglobal.org/ltitool/return.html',
    tool_consumer_instance_guid: 'ltiadvantagevalidator.imsglobal.org',
  };
}

export interface SignedLaunchOptions {
  /** Fields as sent; a member set to `undefined` is left out. Default {@link baselineLaunchFields}. */
  fields?: Record<string, string | undefined>;
  consumerKey?: string;
  /** The secret the validator signs with. Default {@link SECRET}. */
  secret?: string;
  /** Default the harness clock's now. */
  timestamp?: number;
  /** Default a fresh one per launch. */
  nonce?: string;
}

export interface Lti11ToolHarness {
  tool: LtiTool;
  clock: ReturnType<typeof fixedClock>;
  stores: ReturnType<typeof createMemoryStores>;
  /** Launches `onLaunch` received. */
  launches: Lti11Launch[];
  /** The form body of a launch signed by the validator (OAuth parameters in the form, `oauth_callback=about:blank`). */
  signedLaunch(options?: SignedLaunchOptions): Promise<string>;
  /** POSTs a form body to the tool's 1.1 launch URL; `Accept: application/json`, so a refusal is `{ code }`. */
  post(body: string): Promise<Response>;
}

/** The tool with the `lti11` option and the shared credential in `stores.lti11`. */
export async function createLti11ToolHarness(): Promise<Lti11ToolHarness> {
  await checkSignerAgainstVectorB();
  const clock = fixedClock(NOW);
  const stores = createMemoryStores(clock);
  await stores.lti11.saveCredential({ consumerKey: CONSUMER_KEY, secret: SECRET, name: 'LTI 1.1 validator', createdAt: NOW - 86_400 });
  const launches: Lti11Launch[] = [];
  const tool = createTool({
    baseUrl: TOOL_BASE_URL,
    stores,
    clock,
    onLaunch: () => new Response('an LTI 1.3 launch'),
    lti11: {
      onLaunch: (launch) => {
        launches.push(launch);
        return new Response('launched');
      },
    },
  });
  assert.equal(tool.config.lti11.launchUrl, LTI11_LAUNCH_URL);
  let nonces = 0;
  return {
    tool,
    clock,
    stores,
    launches,
    async signedLaunch(options = {}) {
      nonces += 1;
      const fields = Object.entries(options.fields ?? baselineLaunchFields()).filter((field): field is OAuthPair => field[1] !== undefined);
      const oauth = await oauthParameters({
        url: LTI11_LAUNCH_URL,
        parameters: fields,
        consumerKey: options.consumerKey ?? CONSUMER_KEY,
        secret: options.secret ?? SECRET,
        timestamp: options.timestamp ?? clock.now(),
        nonce: options.nonce ?? `validator-nonce-${nonces}`,
        callback: 'about:blank',
      });
      return new URLSearchParams([...fields, ...oauth]).toString();
    },
    post: (body) =>
      tool.fetch(new Request(LTI11_LAUNCH_URL, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body })),
  };
}

// ---- the platform under certification: its Basic Outcomes service (BO-003..BO-009)

export const PLATFORM_ISSUER = 'https://lms.example.edu';
export const COURSE_ID = '8893483';
/** The validator's link in the course, and another tool's. */
export const VALIDATOR_LINK = 'rl-validator';
export const OTHER_TOOL_LINK = 'rl-other-tool';
export const OTHER_TOOL = { consumerKey: 'other-tool-key', secret: 'other-tool-secret', clientId: 'other-tool' };

/** Where the validator's grade for one learner on one link goes, as the launch told it (L11-005). */
export interface OutcomeTarget {
  serviceUrl: string;
  sourcedId: string;
}

export interface SendOutcomeOptions {
  /** The secret the validator signs with. Default {@link SECRET}. */
  secret?: string;
  /** Hash this body instead of the one sent: a body changed after signing. */
  signedBody?: string;
}

export interface Lti11PlatformHarness {
  platform: LtiPlatform;
  stores: ReturnType<typeof createMemoryStores>;
  /** A learner's launch of the validator's link (or another tool's: `OTHER_TOOL`) with outcomes; what the form carried. */
  launch(tool?: 'validator' | 'other'): Promise<OutcomeTarget>;
  /** POSTs `xml` to `serviceUrl` as the validator: `Authorization: OAuth …` with `oauth_body_hash` (BO-001, BO-002). */
  send(serviceUrl: string, xml: string, options?: SendOutcomeOptions): Promise<Response>;
  /** A conforming request envelope (BO-004, BO-005), `messageIdentifier` defaulted. */
  envelope(input: Omit<OutcomeRequestInput, 'messageIdentifier'> & { messageIdentifier?: string }): string;
  /** Every score the platform stored in the course, any tool, any learner. */
  scores(): Promise<StoredScore[]>;
}

/**
 * The platform with Basic Outcomes on: the validator registered as a 1.1 tool with the shared
 * credential, another 1.1 tool, one link of each in the course, the learner enrolled.
 */
export async function createLti11PlatformHarness(): Promise<Lti11PlatformHarness> {
  await checkSignerAgainstVectorB();
  const clock = fixedClock(NOW);
  const stores = createMemoryStores(clock);
  const links = new Map([
    [VALIDATOR_LINK, 'imstester_3dfad6d'],
    [OTHER_TOOL_LINK, OTHER_TOOL.clientId],
  ]);
  const platform = createPlatform({
    issuer: PLATFORM_ISSUER,
    stores,
    clock,
    currentUser: 'message-hint-only',
    ags: { store: stores.ags, isMember: (contextId, userId) => contextId === COURSE_ID && userId === LEARNER_ID },
    lti11: { resourceLinkAccess: ({ contextId, resourceLinkId }, tool) => contextId === COURSE_ID && links.get(resourceLinkId) === tool.lti13?.clientId },
  });
  await platform.lti11.registerTool({ name: 'LTI 1.1 validator', launchUrl: LTI11_LAUNCH_URL, consumerKey: CONSUMER_KEY, secret: SECRET, clientId: 'imstester_3dfad6d' });
  await platform.lti11.registerTool({ name: 'Another tool', launchUrl: 'https://other-tool.example.net/lti11', ...OTHER_TOOL });
  let nonces = 0;
  let messages = 0;
  return {
    platform,
    stores,
    async launch(tool = 'validator') {
      const launch = await platform.createLti11Launch({
        consumerKey: tool === 'validator' ? CONSUMER_KEY : OTHER_TOOL.consumerKey,
        user: { id: LEARNER_ID },
        roles: [CONTEXT_ROLE.Learner],
        context: { id: COURSE_ID },
        resourceLink: { id: tool === 'validator' ? VALIDATOR_LINK : OTHER_TOOL_LINK },
        outcome: true,
      });
      const fields = new Map(launch.fields);
      const serviceUrl = fields.get('lis_outcome_service_url');
      const sourcedId = fields.get('lis_result_sourcedid');
      assert.ok(serviceUrl !== undefined && sourcedId !== undefined, 'a learner launch with outcomes carries both parameters (L11-005)');
      return { serviceUrl, sourcedId };
    },
    async send(serviceUrl, xml, options = {}) {
      nonces += 1;
      const oauth = await oauthParameters({
        url: serviceUrl,
        parameters: [],
        consumerKey: CONSUMER_KEY,
        secret: options.secret ?? SECRET,
        timestamp: clock.now(),
        nonce: `validator-outcome-${nonces}`,
        bodyHash: independentBodyHash(options.signedBody ?? xml),
      });
      const authorization = `OAuth realm="",${oauth.map(([name, value]) => `${rfc3986(name)}="${rfc3986(value)}"`).join(',')}`;
      return platform.fetch(new Request(serviceUrl, { method: 'POST', headers: { 'content-type': 'application/xml', authorization }, body: xml }));
    },
    envelope(input) {
      messages += 1;
      return buildOutcomeRequest({ messageIdentifier: `validator-msg-${messages}`, ...input });
    },
    async scores() {
      const columns = await stores.ags.readGradebook(COURSE_ID);
      return columns.flatMap((column) => column.latestScores);
    },
  };
}

/** Lines of a JavaScript stack trace or paths into the installed code. */
const STACK_TRACE = /\n\s+at\s|\bat .+:\d+:\d+|node_modules|\/dist\/|\.ts:\d+/;

/**
 * Asserts a Basic Outcomes answer (BO-008, BO-009): HTTP `status`, a POX envelope as
 * `application/xml`, `imsx_codeMajor` `codeMajor`, ltikit's `imsx_codeMinor` field naming `code`,
 * no stack trace. Returns the envelope read.
 */
export async function assertOutcomeAnswer(response: Response, expected: { status: number; codeMajor: OutcomeResponse['codeMajor']; code: LtiErrorCode }): Promise<OutcomeResponse> {
  const text = await response.text();
  assert.equal(response.status, expected.status, text);
  assert.match(response.headers.get('content-type') ?? '', /^application\/xml/);
  assert.doesNotMatch(text, STACK_TRACE, 'the answer carries no stack trace');
  const answer = parseOutcomeResponse(text);
  assert.equal(answer.codeMajor, expected.codeMajor);
  assert.equal(answer.codeMinor?.ltikit, expected.code);
  return answer;
}
