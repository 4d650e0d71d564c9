// A platform serving LTI 1.1 tools for the unit tests of platform/lti11, driven through
// `platform.fetch` (no sockets): two 1.1 tools with links in one course, a roster, Basic Outcomes
// requests signed as a tool signs them (OAuth 1.0a with `oauth_body_hash`, BO-001..BO-003).
import { fixedClock } from '../../src/lib/clock.js';
import type { LtiMessageEvent } from '../../src/lib/observe.js';
import { signOAuth1Request } from '../../src/lib/oauth1_request.js';
import { formatOAuthAuthorizationHeader, type OAuthParameter } from '../../src/lib/oauth1_signature.js';
import { parseXml } from '../../src/lib/xml.js';
import type { LtiError } from '../../src/errors.js';
import { buildOutcomeRequest, type OutcomeRequestInput, type OutcomeResponse, parseOutcomeResponse } from '../../src/messages/basic_outcomes.js';
import type { PlatformOptions } from '../../src/platform/config.js';
import { createPlatform, type LtiPlatform } from '../../src/platform/create_platform.js';
import type { Lti11Options } from '../../src/platform/lti11/options.js';
import { formatResultSourcedId } from '../../src/platform/lti11/result_sourcedid.js';
import { createMemoryStores } from '../../src/stores/memory.js';
import type { Lti11Credential } from '../../src/stores/types.js';

export const T0 = 1_767_225_600;
export const ISSUER = 'https://lms.example.edu';
export const OUTCOMES_URL = `${ISSUER}/lti/lti11/outcomes`;
export const COURSE = 'course-1';

/** Tool A has links `rl-a1` and `rl-a2` in the course, tool B `rl-b1`; learners 1 and 2 are enrolled, the visitor is not. */
export const TOOL_A = { consumerKey: 'ck-a', secret: 'secret-a', clientId: 'client-a', name: 'Quiz A', launchUrl: 'https://a.example.com/lti/launch' };
export const TOOL_B = { consumerKey: 'ck-b', secret: 'secret-b', clientId: 'client-b', name: 'Quiz B', launchUrl: 'https://b.example.com/lti/launch' };
const LINKS = new Map([
  ['rl-a1', TOOL_A.clientId],
  ['rl-a2', TOOL_A.clientId],
  ['rl-b1', TOOL_B.clientId],
]);
const MEMBERS = new Set(['learner-1', 'learner-2', 'teacher-1']);

export type MemoryStores = ReturnType<typeof createMemoryStores>;

export interface Lti11Platform {
  platform: LtiPlatform;
  stores: MemoryStores;
  clock: ReturnType<typeof fixedClock>;
  toolA: Lti11Credential;
  toolB: Lti11Credential;
  events: LtiMessageEvent[];
  errors: LtiError[];
  /** Signs and posts `xml` to the outcomes endpoint as `tool` (A by default); `tamper` changes the request after signing. */
  postOutcome(xml: string, options?: PostOptions): Promise<Response>;
  /** Builds, signs and posts an outcome request for `sourcedId`; answers the parsed response and status. */
  outcome(input: Omit<OutcomeRequestInput, 'messageIdentifier'> & { messageIdentifier?: string }, options?: PostOptions): Promise<{ status: number; response: OutcomeResponse }>;
}

export interface PostOptions {
  tool?: { consumerKey: string; secret: string };
  /** Hash this body instead of the one sent (a body changed in transit). */
  signedBody?: string;
  /** Leave `oauth_body_hash` out. */
  withoutBodyHash?: boolean;
  nonce?: string;
  timestamp?: number;
  /** Sign for this URL instead of the outcomes URL. */
  signedUrl?: string;
  /** Send to this URL instead of the outcomes URL. */
  url?: string;
  /** Replace the Authorization header (`null`: none). */
  authorization?: string | null;
  headers?: Record<string, string>;
}

/** The `lis_result_sourcedid` of a learner on a link of the course. */
export function sourcedIdOf(resourceLinkId: string, userId = 'learner-1', contextId = COURSE): string {
  return formatResultSourcedId({ contextId, resourceLinkId, userId });
}

export async function createLti11Platform(options: { lti11?: Lti11Options | false; ags?: boolean; platform?: Partial<PlatformOptions> } = {}): Promise<Lti11Platform> {
  const clock = fixedClock(T0);
  const stores = createMemoryStores(clock);
  const events: LtiMessageEvent[] = [];
  const errors: LtiError[] = [];
  const lti11: Lti11Options | undefined =
    options.lti11 === false
      ? undefined
      : {
          resourceLinkAccess: ({ contextId, resourceLinkId }, tool) => contextId === COURSE && LINKS.get(resourceLinkId) === tool.lti13?.clientId,
          ...options.lti11,
        };
  const platform = createPlatform({
    issuer: ISSUER,
    stores,
    clock,
    currentUser: 'message-hint-only',
    product: { name: 'Example LMS', productFamilyCode: 'examplelms', version: '5.2', guid: 'lms.example.edu' },
    ...(options.ags === false ? {} : { ags: { store: stores.ags, isMember: (contextId: string, userId: string) => contextId === COURSE && MEMBERS.has(userId) } }),
    ...(lti11 === undefined ? {} : { lti11 }),
    serviceContextAccess: (contextId) => contextId === COURSE,
    observer: (event) => {
      events.push(event);
    },
    onError: (error) => {
      errors.push(error);
    },
    ...options.platform,
  });
  const toolA = await platform.lti11.registerTool({ ...TOOL_A, claims: ['name', 'given_name', 'family_name', 'email'] });
  const toolB = await platform.lti11.registerTool(TOOL_B);

  let nonce = 0;
  async function postOutcome(xml: string, post: PostOptions = {}): Promise<Response> {
    const tool = post.tool ?? TOOL_A;
    nonce += 1;
    const oauth: OAuthParameter[] = await signOAuth1Request({
      method: 'POST',
      url: post.signedUrl ?? post.url ?? OUTCOMES_URL,
      parameters: [],
      consumerKey: tool.consumerKey,
      consumerSecret: tool.secret,
      timestamp: post.timestamp ?? clock.now(),
      nonce: post.nonce ?? `nonce-${nonce}`,
      ...(post.withoutBodyHash === true ? {} : { body: post.signedBody ?? xml }),
    });
    const headers: Record<string, string> = { 'content-type': 'application/xml', ...post.headers };
    const authorization = post.authorization === undefined ? formatOAuthAuthorizationHeader(oauth) : post.authorization;
    if (authorization !== null) headers.authorization = authorization;
    return platform.fetch(new Request(post.url ?? OUTCOMES_URL, { method: 'POST', headers, body: xml }));
  }

  let message = 0;
  async function outcome(input: Omit<OutcomeRequestInput, 'messageIdentifier'> & { messageIdentifier?: string }, post: PostOptions = {}) {
    message += 1;
    const response = await postOutcome(buildOutcomeRequest({ messageIdentifier: `msg-${message}`, ...input }), post);
    return { status: response.status, response: parseOutcomeResponse(await response.text()) };
  }

  return { platform, stores, clock, toolA, toolB, events, errors, postOutcome, outcome };
}

/** The `imsx_codeMinor` code of a POX response text. */
export function codeMinorOf(xml: string): string | undefined {
  const root = parseXml(xml);
  const status = root.children[0]?.children[0]?.children.find((child) => child.name === 'imsx_statusInfo');
  const field = status?.children.find((child) => child.name === 'imsx_codeMinor')?.children[0];
  return field?.children.find((child) => child.name === 'imsx_codeMinorFieldValue')?.text;
}
