// The platform's memberships endpoint (nrps.md) through `platform.fetch`, with real access tokens
// from the platform's token endpoint: client assertions are signed here (jose SignJWT) with tool
// keys registered as `publicJwk`. The provider pages through a generated course (no whole-course
// array) and records what it was asked, so each test can see which pages were read, and when.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LtiErrorCode } from '../../../src/errors.js';
import { LtiError } from '../../../src/errors.js';
import { parseLinkHeader } from '../../../src/lib/link_header.js';
import { fixedClock } from '../../../src/lib/clock.js';
import type { MembershipContainer, NrpsMember } from '../../../src/messages/nrps.js';
import { createPlatform } from '../../../src/platform/create_platform.js';
import type { NrpsOptions } from '../../../src/platform/nrps/options.js';
import type { PersonalDataClaim } from '../../../src/stores/types.js';
import { createMemoryStores } from '../../../src/stores/memory.js';
import { LTI_CLAIM } from '../../../src/vocab/claims.js';
import { MEDIA_TYPE } from '../../../src/vocab/media_types.js';
import { CONTEXT_ROLE, CONTEXT_SUB_ROLE } from '../../../src/vocab/roles.js';
import { SCOPE } from '../../../src/vocab/scopes.js';
import { COURSE, DIFFERENCES_CURSOR, RESOURCE_LINK_ID, type RosterProvider, courseMember, rosterProvider } from '../../support/nrps_roster.js';
import { createPlatformKey } from '../../support/platform_key.js';
import { registerKeyedTool, serviceTokens } from '../../support/service_platform.js';

const T0 = 1_767_225_600;
const ISSUER = 'https://lms.example.edu';
const MEMBERSHIPS_URL = `${ISSUER}/lti/contexts/${COURSE.id}/memberships`;
const CONTAINER = MEDIA_TYPE.membershipContainer;
const DEPLOYMENT_ID = 'dep-01';

/** The tools: one with every personal claim, one with none, one with only `name`, one without the NRPS scope. */
const TOOLS = {
  full: { clientId: 'c-full', claims: ['name', 'given_name', 'family_name', 'middle_name', 'email', 'picture', 'locale'], scopes: [SCOPE.contextMembershipReadonly] },
  private: { clientId: 'c-private', claims: [], scopes: [SCOPE.contextMembershipReadonly] },
  namesOnly: { clientId: 'c-names', claims: ['name'], scopes: [SCOPE.contextMembershipReadonly] },
  grades: { clientId: 'c-grades', claims: ['name'], scopes: [SCOPE.score] },
} as const satisfies Record<string, { clientId: string; claims: PersonalDataClaim[]; scopes: string[] }>;
type ToolName = keyof typeof TOOLS;

const sharedKey = createPlatformKey({ alg: 'ES256' });

interface Answer {
  response: Response;
  body: MembershipContainer & { code?: LtiErrorCode };
  links: { next?: string; differences?: string };
}

async function setup(options: { size?: number; nrps?: Partial<NrpsOptions> | false } = {}) {
  const clock = fixedClock(T0);
  const stores = createMemoryStores(clock);
  const { memberships, ...nrpsOptions } = options.nrps === false || options.nrps === undefined ? {} : options.nrps;
  const provider: RosterProvider = rosterProvider(options.size ?? 250, nrpsOptions);
  const platform = createPlatform({
    issuer: ISSUER,
    stores,
    clock,
    currentUser: 'message-hint-only',
    ...(options.nrps === false ? {} : { nrps: memberships === undefined ? provider : { ...provider, memberships } }),
    // TOK-016: every tool but the private one is deployed in the course; the private one elsewhere too.
    serviceContextAccess: (contextId, grant) => contextId === COURSE.id || (contextId === 'ctx-private' && grant.clientId === TOOLS.private.clientId),
  });
  const key = await sharedKey;
  for (const tool of Object.values(TOOLS)) {
    await registerKeyedTool(platform, { clientId: tool.clientId, publicJwk: key.publicJwk, claims: [...tool.claims], scopes: [...tool.scopes], deploymentIds: [DEPLOYMENT_ID] });
  }

  const tokens = serviceTokens(platform, key, clock);
  /** A token from the token endpoint (TOK-001..003), for the tool's registered scopes. */
  const tokenFor = (name: ToolName): Promise<string> => tokens(TOOLS[name].clientId, TOOLS[name].scopes, DEPLOYMENT_ID);

  /** GETs `url` as `tool` (`null`: without a token), with the container `Accept` unless `headers` says otherwise. */
  async function get(url: string, tool: ToolName | null = 'full', headers: Record<string, string> = { accept: CONTAINER }, method = 'GET'): Promise<Answer> {
    const authorization: Record<string, string> = tool === null ? {} : { authorization: `Bearer ${await tokenFor(tool)}` };
    const response = await platform.fetch(new Request(url, { method, headers: { ...headers, ...authorization } }));
    const text = await response.text();
    // A browser (Accept: text/html) gets the error as a page naming the code.
    const body = (response.headers.get('content-type')?.startsWith('text/html') ? { code: /code <code>([A-Z_]+)<\/code>/.exec(text)?.[1] } : JSON.parse(text)) as Answer['body'];
    const links: Answer['links'] = {};
    for (const link of parseLinkHeader(response.headers.get('link'))) {
      if (link.rel.includes('next')) links.next = link.url;
      if (link.rel.includes('differences')) links.differences = link.url;
    }
    return { response, body, links };
  }

  async function rejected(answer: Answer, status: number, code: LtiErrorCode): Promise<void> {
    assert.equal(answer.response.status, status, JSON.stringify(answer.body));
    assert.equal(answer.body.code, code);
  }

  return { clock, platform, provider, get, rejected, tokenFor };
}

const ids = (members: NrpsMember[]): string[] => members.map((member) => member.user_id);

describe('memberships: the answer (NRPS-003, NRPS-020)', () => {
  it('answers 200 with the exact media type, the container id, the context and one page of members', async () => {
    const { get, provider } = await setup();
    const { response, body } = await get(`${MEMBERSHIPS_URL}?limit=3`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json');
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(body.id, `${MEMBERSHIPS_URL}?limit=3`);
    assert.deepEqual(body.context, { id: COURSE.id, label: COURSE.label, title: COURSE.title });
    assert.deepEqual(ids(body.members), ['u-000000', 'u-000001', 'u-000002']);
    // The provider was asked for exactly one page, for this tool and deployment (TOK-016, NRPS-021).
    assert.deepEqual(provider.queries, [{ contextId: COURSE.id, clientId: TOOLS.full.clientId, deploymentId: DEPLOYMENT_ID, limit: 3 }]);
  });

  it('gives every member user_id, roles and status, and each sub-role its principal role (ROLE-005)', async () => {
    const { get } = await setup();
    const { body } = await get(`${MEMBERSHIPS_URL}?limit=10`);
    assert.deepEqual(body.members[0]?.roles, [CONTEXT_SUB_ROLE.Instructor.TeachingAssistant, CONTEXT_ROLE.Instructor]);
    assert.deepEqual(body.members[1]?.roles, [CONTEXT_ROLE.Learner]);
    assert.equal(body.members[1]?.status, 'Active');
    assert.equal(body.members[9]?.status, 'Inactive');
    for (const member of body.members) {
      assert.equal(typeof member.user_id, 'string');
      assert.ok(Array.isArray(member.roles));
      assert.ok(member.status === 'Active' || member.status === 'Inactive');
    }
  });

  it('sends the personal data the tool may receive: all of it for a tool granted every claim', async () => {
    const { get } = await setup();
    const { body } = await get(`${MEMBERSHIPS_URL}?limit=2`);
    const member = courseMember(1);
    assert.deepEqual(body.members[1], {
      status: 'Active',
      user_id: member.user_id,
      roles: member.roles,
      name: member.name,
      given_name: member.given_name,
      family_name: member.family_name,
      email: member.email,
      picture: member.picture,
      lis_person_sourcedid: member.lis_person_sourcedid,
    });
  });

  it('sends a tool without personal claims no names, email, picture or SIS id (MSG-004)', async () => {
    const { get } = await setup();
    const { body } = await get(`${MEMBERSHIPS_URL}?limit=5`, 'private');
    assert.equal(body.members.length, 5);
    for (const member of body.members) assert.deepEqual(Object.keys(member).sort(), ['roles', 'status', 'user_id']);
  });

  it('sends a tool granted only `name` the name and nothing else personal (MSG-004)', async () => {
    const { get } = await setup();
    const { body } = await get(`${MEMBERSHIPS_URL}?limit=2`, 'namesOnly');
    assert.deepEqual(body.members[1], { status: 'Active', user_id: 'u-000001', roles: [CONTEXT_ROLE.Learner], name: 'Person 1', lis_person_sourcedid: 'sis-1' });
  });

  it('answers an empty context with an empty members array and no links', async () => {
    const { get } = await setup({ size: 0, nrps: { differences: false } });
    const { response, body, links } = await get(MEMBERSHIPS_URL);
    assert.equal(response.status, 200);
    assert.deepEqual(body.members, []);
    assert.deepEqual(links, {});
    assert.equal(response.headers.get('link'), null);
  });
});

describe('memberships: Accept (NRPS-002, NRPS-003)', () => {
  for (const accept of [CONTAINER, `${CONTAINER}; charset=utf-8`, '*/*', 'application/*', `application/json;q=0.9, ${CONTAINER}`, 'APPLICATION/VND.IMS.LTI-NRPS.V2.MEMBERSHIPCONTAINER+JSON']) {
    it(`accepts Accept: ${accept}`, async () => {
      const { get } = await setup();
      const { response } = await get(`${MEMBERSHIPS_URL}?limit=1`, 'full', { accept });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), CONTAINER);
    });
  }

  it('accepts a request without Accept (any media type)', async () => {
    const { get } = await setup();
    assert.equal((await get(`${MEMBERSHIPS_URL}?limit=1`, 'full', {})).response.status, 200);
  });

  for (const accept of ['application/json', 'text/html', 'application/vnd.ims.lis.v2.lineitemcontainer+json', `${CONTAINER};q=0`, `*/*, ${CONTAINER};q=0`]) {
    it(`refuses Accept: ${accept} with 406 before reading the roster`, async () => {
      const { get, rejected, provider } = await setup();
      await rejected(await get(MEMBERSHIPS_URL, 'full', { accept }), 406, 'ERR_LTI_NRPS_ACCEPT_UNSUPPORTED');
      assert.equal(provider.queries.length, 0);
    });
  }
});

describe('memberships: role filter (NRPS-010)', () => {
  it('expands a short role name to its URI for the provider, and keeps it in the next link', async () => {
    const { get, provider } = await setup({ size: 200 });
    const first = await get(`${MEMBERSHIPS_URL}?role=Instructor&limit=3`);
    assert.equal(first.response.status, 200);
    assert.equal(provider.queries[0]?.role, CONTEXT_ROLE.Instructor);
    assert.deepEqual(ids(first.body.members), ['u-000000', 'u-000025', 'u-000050']);
    const next = new URL(first.links.next!);
    assert.equal(next.searchParams.get('role'), CONTEXT_ROLE.Instructor);
    assert.equal(next.searchParams.get('limit'), '3');
    const second = await get(first.links.next!);
    assert.deepEqual(ids(second.body.members), ['u-000075', 'u-000100', 'u-000125']);
    const third = await get(second.links.next!);
    assert.deepEqual(ids(third.body.members), ['u-000150', 'u-000175']);
    assert.equal(third.links.next, undefined);
  });

  it('passes a full role URI as given', async () => {
    const { get, provider } = await setup({ size: 30 });
    const { body } = await get(`${MEMBERSHIPS_URL}?role=${encodeURIComponent(CONTEXT_ROLE.Learner)}`);
    assert.equal(provider.queries[0]?.role, CONTEXT_ROLE.Learner);
    assert.equal(body.members.length, 28);
    assert.ok(body.members.every((member) => member.roles.includes(CONTEXT_ROLE.Learner)));
  });

  it('refuses a repeated role with ERR_LTI_NRPS_QUERY_INVALID', async () => {
    const { get, rejected } = await setup();
    await rejected(await get(`${MEMBERSHIPS_URL}?role=Learner&role=Instructor`), 400, 'ERR_LTI_NRPS_QUERY_INVALID');
  });
});

describe('memberships: limit and next links (NRPS-010, NRPS-030)', () => {
  it('pages through 2,500 members with next links, reading each page from the provider only when asked', async () => {
    const { get, provider } = await setup({ size: 2500 });
    let url: string | undefined = `${MEMBERSHIPS_URL}?limit=1000`;
    const seen = new Set<string>();
    const pageSizes: number[] = [];
    while (url !== undefined) {
      const answer: Answer = await get(url);
      assert.equal(answer.response.status, 200);
      assert.equal(answer.body.id, url);
      pageSizes.push(answer.body.members.length);
      for (const member of answer.body.members) seen.add(member.user_id);
      // One provider call per page requested, none ahead (the provider streams, the platform does not pre-read).
      assert.equal(provider.queries.length, pageSizes.length);
      url = answer.links.next;
      if (url !== undefined) assert.equal(new URL(url).searchParams.get('limit'), '1000');
    }
    assert.deepEqual(pageSizes, [1000, 1000, 500]);
    assert.equal(seen.size, 2500);
    assert.deepEqual(
      provider.queries.map((query) => [query.limit, query.cursor]),
      [
        [1000, undefined],
        [1000, '1000'],
        [1000, '2000'],
      ],
    );
  });

  it('uses the default limit (100) when none is given, without adding one to the next link', async () => {
    const { get, provider } = await setup({ size: 250 });
    const { body, links } = await get(MEMBERSHIPS_URL);
    assert.equal(body.members.length, 100);
    assert.equal(provider.queries[0]?.limit, 100);
    assert.equal(links.next, `${MEMBERSHIPS_URL}?cursor=100`);
  });

  it('lowers a limit above the maximum to it (the platform may return fewer) and keeps the asked limit in the link', async () => {
    const { get, provider } = await setup({ size: 2500, nrps: { maxLimit: 1000 } });
    const { response, body, links } = await get(`${MEMBERSHIPS_URL}?limit=5000`);
    assert.equal(response.status, 200);
    assert.equal(body.members.length, 1000);
    assert.equal(provider.queries[0]?.limit, 1000);
    assert.equal(new URL(links.next!).searchParams.get('limit'), '5000');
  });

  it('honours configured default and maximum page sizes', async () => {
    const { get, provider } = await setup({ size: 100, nrps: { defaultLimit: 7, maxLimit: 20 } });
    assert.equal((await get(MEMBERSHIPS_URL)).body.members.length, 7);
    assert.equal((await get(`${MEMBERSHIPS_URL}?limit=50`)).body.members.length, 20);
    assert.deepEqual(
      provider.queries.map((query) => query.limit),
      [7, 20],
    );
  });

  for (const limit of ['0', '-1', 'abc', '1.5', '1e3', '10000000000', ' 5']) {
    it(`refuses limit=${JSON.stringify(limit)} with 400 ERR_LTI_NRPS_LIMIT_INVALID before reading the roster`, async () => {
      const { get, rejected, provider } = await setup();
      await rejected(await get(`${MEMBERSHIPS_URL}?limit=${encodeURIComponent(limit)}`), 400, 'ERR_LTI_NRPS_LIMIT_INVALID');
      assert.equal(provider.queries.length, 0);
    });
  }

  it('refuses a repeated limit with ERR_LTI_NRPS_LIMIT_INVALID', async () => {
    const { get, rejected } = await setup();
    await rejected(await get(`${MEMBERSHIPS_URL}?limit=1&limit=2`), 400, 'ERR_LTI_NRPS_LIMIT_INVALID');
  });

  it('refuses a cursor the platform never issues (too long, or unknown to the provider) with ERR_LTI_NRPS_CURSOR_INVALID', async () => {
    const { get, rejected, provider } = await setup();
    await rejected(await get(`${MEMBERSHIPS_URL}?cursor=${'x'.repeat(1025)}`), 400, 'ERR_LTI_NRPS_CURSOR_INVALID');
    assert.equal(provider.queries.length, 0);
    await rejected(await get(`${MEMBERSHIPS_URL}?cursor=not-a-number`), 400, 'ERR_LTI_NRPS_CURSOR_INVALID');
  });

  it('refuses a misconfigured page size with ERR_LTI_PLATFORM_CONFIG_INVALID', async () => {
    const { get, rejected } = await setup({ nrps: { defaultLimit: 50, maxLimit: 10 } });
    await rejected(await get(MEMBERSHIPS_URL), 500, 'ERR_LTI_PLATFORM_CONFIG_INVALID');
  });
});

describe('memberships: rlid and the message section (NRPS-011, NRPS-023)', () => {
  it('passes rlid to the provider and sends each member a message section with LtiResourceLinkRequest claims', async () => {
    const { get, provider } = await setup({ size: 30 });
    const { body, links } = await get(`${MEMBERSHIPS_URL}?rlid=${RESOURCE_LINK_ID}&limit=4`);
    assert.equal(provider.queries[0]?.resourceLinkId, RESOURCE_LINK_ID);
    assert.deepEqual(body.members[3]?.message, [
      { [LTI_CLAIM.messageType]: 'LtiResourceLinkRequest', [LTI_CLAIM.custom]: { extra_time: '3' } },
    ]);
    const next = new URL(links.next!);
    assert.equal(next.searchParams.get('rlid'), RESOURCE_LINK_ID);
    assert.equal(next.searchParams.get('limit'), '4');
    const second = await get(links.next!);
    assert.equal(provider.queries[1]?.resourceLinkId, RESOURCE_LINK_ID);
    assert.deepEqual(second.body.members[0]?.message?.[0]?.[LTI_CLAIM.custom], { extra_time: '4' });
  });

  it('sends no message section without rlid', async () => {
    const { get } = await setup();
    const { body } = await get(`${MEMBERSHIPS_URL}?limit=3`);
    assert.ok(body.members.every((member) => member.message === undefined));
  });

  it('answers a resource link of another context with 400 ERR_LTI_NRPS_RESOURCE_LINK_UNKNOWN (thrown by the provider)', async () => {
    const { get, rejected } = await setup();
    await rejected(await get(`${MEMBERSHIPS_URL}?rlid=rl-elsewhere`), 400, 'ERR_LTI_NRPS_RESOURCE_LINK_UNKNOWN');
  });

  it('combines role and rlid (AND) and keeps both in the next link', async () => {
    const { get, provider } = await setup({ size: 100 });
    const { body, links } = await get(`${MEMBERSHIPS_URL}?role=Instructor&rlid=${RESOURCE_LINK_ID}&limit=2`);
    assert.deepEqual(ids(body.members), ['u-000000', 'u-000025']);
    assert.equal(provider.queries[0]?.role, CONTEXT_ROLE.Instructor);
    assert.equal(provider.queries[0]?.resourceLinkId, RESOURCE_LINK_ID);
    const next = new URL(links.next!);
    assert.deepEqual([...next.searchParams.keys()], ['role', 'rlid', 'limit', 'cursor']);
  });
});

describe('memberships: differences (NRPS-031)', () => {
  it('offers a differences link on the first page and answers it with the changes, removed members Deleted', async () => {
    const { get, provider } = await setup({ size: 50 });
    const first = await get(`${MEMBERSHIPS_URL}?role=Learner&limit=10`);
    assert.equal(first.links.differences, `${MEMBERSHIPS_URL}?role=${encodeURIComponent(CONTEXT_ROLE.Learner)}&limit=10&since=${DIFFERENCES_CURSOR}`);
    // Both links in one header, comma-joined (NRPS-033).
    assert.match(first.response.headers.get('link') ?? '', /^<[^>]+>; rel="next", <[^>]+>; rel="differences"$/);
    const changes = await get(first.links.differences!);
    assert.equal(changes.response.status, 200);
    assert.equal(provider.queries.at(-1)?.since, DIFFERENCES_CURSOR);
    assert.equal(provider.queries.at(-1)?.role, CONTEXT_ROLE.Learner);
    assert.deepEqual(
      changes.body.members.map((member) => [member.user_id, member.status]),
      [
        ['u-000001', 'Active'],
        ['u-000002', 'Deleted'],
        ['u-000050', 'Active'],
      ],
    );
    assert.equal(changes.body.members[0]?.name, 'Person One');
    assert.equal(changes.links.differences, `${MEMBERSHIPS_URL}?role=${encodeURIComponent(CONTEXT_ROLE.Learner)}&limit=10&since=${DIFFERENCES_CURSOR}-next`);
  });

  it('leaves Deleted members out of a full listing (they belong to differences answers)', async () => {
    const provider = rosterProvider(3);
    const { get } = await setup({
      nrps: {
        memberships: async (query) => ({ ...(await provider.memberships(query)), members: [courseMember(0), { ...courseMember(1), status: 'Deleted' }, courseMember(2)] }),
      },
    });
    const { body } = await get(MEMBERSHIPS_URL);
    assert.deepEqual(ids(body.members), ['u-000000', 'u-000002']);
  });

  it('refuses since with 400 ERR_LTI_NRPS_DIFFERENCES_UNSUPPORTED where differences are off, before reading the roster', async () => {
    const { get, rejected, provider } = await setup({ nrps: { differences: false } });
    const first = await get(MEMBERSHIPS_URL);
    assert.equal(first.links.differences, undefined);
    await rejected(await get(`${MEMBERSHIPS_URL}?since=${DIFFERENCES_CURSOR}`), 400, 'ERR_LTI_NRPS_DIFFERENCES_UNSUPPORTED');
    assert.equal(provider.queries.length, 1);
  });

  it('refuses an unknown differences cursor with ERR_LTI_NRPS_CURSOR_INVALID (thrown by the provider)', async () => {
    const { get, rejected } = await setup();
    await rejected(await get(`${MEMBERSHIPS_URL}?since=v-1999`), 400, 'ERR_LTI_NRPS_CURSOR_INVALID');
  });
});

describe('memberships: access (TOK-016, TOK-021)', () => {
  it('answers a request without a token with 401 ERR_LTI_ACCESS_TOKEN_MISSING and a Bearer challenge', async () => {
    const { get, rejected, provider } = await setup();
    const answer = await get(MEMBERSHIPS_URL, null);
    await rejected(answer, 401, 'ERR_LTI_ACCESS_TOKEN_MISSING');
    assert.match(answer.response.headers.get('www-authenticate') ?? '', /^Bearer/);
    assert.equal(provider.queries.length, 0);
  });

  it('answers an unknown token with 401 ERR_LTI_ACCESS_TOKEN_INVALID', async () => {
    const { platform } = await setup();
    const response = await platform.fetch(new Request(MEMBERSHIPS_URL, { headers: { accept: CONTAINER, authorization: 'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } }));
    assert.equal(response.status, 401);
    assert.equal(((await response.json()) as { code: string }).code, 'ERR_LTI_ACCESS_TOKEN_INVALID');
  });

  it('answers a token without the NRPS scope with 403 ERR_LTI_ACCESS_TOKEN_SCOPE_INSUFFICIENT', async () => {
    const { get, rejected, provider } = await setup();
    const answer = await get(MEMBERSHIPS_URL, 'grades');
    await rejected(answer, 403, 'ERR_LTI_ACCESS_TOKEN_SCOPE_INSUFFICIENT');
    assert.equal(answer.response.headers.get('www-authenticate'), 'Bearer error="insufficient_scope"');
    assert.equal(provider.queries.length, 0);
  });

  it('answers a context the tool may not use with 404 ERR_LTI_SERVICE_CONTEXT_UNKNOWN before checking anything else', async () => {
    const { get, rejected, provider } = await setup();
    // Even with a bad Accept and a bad limit, the context check comes first: nothing about it is revealed.
    await rejected(await get(`${ISSUER}/lti/contexts/ctx-private/memberships?limit=0`, 'full', { accept: 'application/json' }), 404, 'ERR_LTI_SERVICE_CONTEXT_UNKNOWN');
    await rejected(await get(`${ISSUER}/lti/contexts/ctx-unknown/memberships`, 'full'), 404, 'ERR_LTI_SERVICE_CONTEXT_UNKNOWN');
    assert.equal(provider.queries.length, 0);
  });

  it('answers 404 ERR_LTI_NOT_FOUND when the platform serves no NRPS', async () => {
    const { get, rejected } = await setup({ nrps: false });
    await rejected(await get(MEMBERSHIPS_URL), 404, 'ERR_LTI_NOT_FOUND');
  });

  it('answers POST with 405', async () => {
    const { get, rejected } = await setup();
    await rejected(await get(MEMBERSHIPS_URL, 'full', { accept: CONTAINER }, 'POST'), 405, 'ERR_LTI_METHOD_NOT_ALLOWED');
  });
});

describe('memberships: a broken provider page is the application’s bug (500)', () => {
  const cases: Array<[string, NrpsOptions['memberships']]> = [
    ['more members than the limit', async (query) => ({ context: { ...COURSE }, members: Array.from({ length: query.limit + 1 }, (_, index) => courseMember(index)) })],
    ['a member without user_id', async () => ({ context: { ...COURSE }, members: [{ roles: [CONTEXT_ROLE.Learner] } as unknown as NrpsMember] })],
    ['a member without roles', async () => ({ context: { ...COURSE }, members: [{ user_id: 'u-1' } as unknown as NrpsMember] })],
    ['an unknown status', async () => ({ context: { ...COURSE }, members: [{ ...courseMember(0), status: 'Suspended' as 'Active' }] })],
    ['another context', async () => ({ context: { id: 'ctx-other' }, members: [] })],
    ['an empty next cursor', async () => ({ context: { ...COURSE }, members: [], nextCursor: '' })],
  ];
  for (const [problem, memberships] of cases) {
    it(`${problem} → ERR_LTI_NRPS_PROVIDER_PAGE_INVALID`, async () => {
      const { get, rejected } = await setup({ nrps: { memberships } });
      await rejected(await get(`${MEMBERSHIPS_URL}?limit=5`), 500, 'ERR_LTI_NRPS_PROVIDER_PAGE_INVALID');
    });
  }

  it('a differences cursor while differences are off → ERR_LTI_NRPS_PROVIDER_PAGE_INVALID', async () => {
    const { get, rejected } = await setup({ nrps: { differences: false, memberships: async () => ({ context: { ...COURSE }, members: [], differencesCursor: 'd' }) } });
    await rejected(await get(MEMBERSHIPS_URL), 500, 'ERR_LTI_NRPS_PROVIDER_PAGE_INVALID');
  });

  it('a provider failure is ERR_LTI_INTERNAL, its message not exposed', async () => {
    const { get, rejected } = await setup({
      nrps: {
        memberships: async () => {
          throw new Error('database password is hunter2');
        },
      },
    });
    const answer = await get(MEMBERSHIPS_URL);
    await rejected(answer, 500, 'ERR_LTI_INTERNAL');
    assert.ok(!JSON.stringify(answer.body).includes('hunter2'));
  });

  it('an LtiError thrown by the provider keeps its code', async () => {
    const { get, rejected } = await setup({
      nrps: {
        memberships: async () => {
          throw new LtiError('ERR_LTI_SERVICE_CONTEXT_UNKNOWN');
        },
      },
    });
    await rejected(await get(MEMBERSHIPS_URL), 404, 'ERR_LTI_SERVICE_CONTEXT_UNKNOWN');
  });
});

describe('memberships: LTI 1.1 legacy user ids (MIG-006)', () => {
  it('sends lti11_legacy_user_id for members whose 1.1 id differs, to every tool, and leaves out an unchanged one', async () => {
    const provider = rosterProvider(3);
    const { get } = await setup({
      nrps: {
        memberships: async (query) => ({
          ...(await provider.memberships(query)),
          members: [{ ...courseMember(0), lti11_legacy_user_id: '34212' }, { ...courseMember(1), lti11_legacy_user_id: courseMember(1).user_id }, courseMember(2)],
        }),
      },
    });
    for (const tool of ['full', 'private'] as const) {
      const { body } = await get(MEMBERSHIPS_URL, tool);
      assert.deepEqual(
        body.members.map((member) => member.lti11_legacy_user_id),
        ['34212', undefined, undefined],
      );
    }
  });
});
