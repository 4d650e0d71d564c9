// The platform's Names and Role Provisioning endpoint under certification (certification.md
// CERT-P-31): the validator registered as a tool with a public key and the NRPS scope, a second
// tool with only the AGS score scope, a course of 120 generated members read a page at a time by
// the application's provider, and access tokens from the platform's own token endpoint
// (service_harness.ts). No socket: requests go to `platform.fetch`.
import { CONTEXT_ROLE, SCOPE } from 'ltikit';
import { LtiError } from 'ltikit/errors';
import type { MembershipPage, MembershipQuery, NrpsMember } from 'ltikit/platform';
import { PLATFORM_ISSUER, TOOL_CLIENT_ID } from './platform_harness.js';
import { createServiceHarness, type ServiceHarness } from './service_harness.js';

export const NRPS_CONTEXT_ID = '8893483';
export const MEMBERSHIPS_URL = `${PLATFORM_ISSUER}/lti/contexts/${NRPS_CONTEXT_ID}/memberships`;
export const MEMBERSHIP_CONTAINER = 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json';
export const NRPS_RESOURCE_LINK_ID = '3622bed7314b4f9c8f0e533e158ff797';
/** A tool registered without the NRPS scope. */
export const GRADES_CLIENT_ID = 'imstester_grades';
/** A context that exists but where the validator is not deployed. */
export const FOREIGN_CONTEXT_ID = 'ctx-of-another-tool';
const COURSE_SIZE = 120;

/** Member `index`: every 10th an instructor, every 7th inactive. */
function member(index: number): NrpsMember {
  return {
    user_id: `user-${index}`,
    roles: [index % 10 === 0 ? CONTEXT_ROLE.Instructor : CONTEXT_ROLE.Learner],
    status: index % 7 === 6 ? 'Inactive' : 'Active',
    name: `Member ${index}`,
    email: `member${index}@district1.com`,
  };
}

/** The application's provider: keyset paging over a generated course, the role filter applied while reading. */
async function memberships(query: MembershipQuery): Promise<MembershipPage> {
  if (query.resourceLinkId !== undefined && query.resourceLinkId !== NRPS_RESOURCE_LINK_ID) {
    throw new LtiError('ERR_LTI_NRPS_RESOURCE_LINK_UNKNOWN');
  }
  const members: NrpsMember[] = [];
  let nextCursor: string | undefined;
  for (let index = Number(query.cursor ?? 0); index < COURSE_SIZE; index++) {
    const candidate = member(index);
    if (query.role !== undefined && !candidate.roles.includes(query.role)) continue;
    if (members.length === query.limit) {
      nextCursor = String(index);
      break;
    }
    members.push(candidate);
  }
  return { context: { id: NRPS_CONTEXT_ID, label: 'Biology 102', title: 'Bio Adventures' }, members, ...(nextCursor === undefined ? {} : { nextCursor }) };
}

export interface NrpsHarness extends Omit<ServiceHarness, 'token'> {
  /** An access token from the token endpoint for `clientId` and `scope` (TOK-001..003). */
  token(clientId?: string, scope?: string): Promise<string>;
  /** GETs `url` with the token and `accept` (default: the membership container). */
  get(url: string, options?: { token?: string; accept?: string }): Promise<Response>;
}

export async function createNrpsHarness(): Promise<NrpsHarness> {
  const harness = await createServiceHarness({
    tools: [{ scopes: [SCOPE.contextMembershipReadonly], claims: ['name'] }, { clientId: GRADES_CLIENT_ID, deploymentIds: ['gradesdeploy'], scopes: [SCOPE.score] }],
    scopes: [SCOPE.contextMembershipReadonly],
    platform: () => ({
      nrps: { memberships, defaultLimit: 50 },
      // TOK-016: the course is the validator's (and the grades tool's); the foreign context is nobody's here.
      serviceContextAccess: (contextId) => contextId === NRPS_CONTEXT_ID,
    }),
  });
  const token = (clientId = TOOL_CLIENT_ID, scope: string = SCOPE.contextMembershipReadonly): Promise<string> => harness.token(clientId, [scope]);

  async function get(url: string, options: { token?: string; accept?: string } = {}): Promise<Response> {
    const bearer = options.token ?? (await token());
    return harness.platform.fetch(new Request(url, { headers: { authorization: `Bearer ${bearer}`, accept: options.accept ?? MEMBERSHIP_CONTAINER } }));
  }

  return { ...harness, token, get };
}

/** The `rel="next"` URL of a `Link` header, if any. */
export function nextLink(response: Response): string | undefined {
  return /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
}
