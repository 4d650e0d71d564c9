// The tool's NRPS client (`tool.nrps`) against the real platform, without sockets: the tool's
// `fetch` routes every request to `platform.fetch` (token endpoint and memberships endpoint), or,
// for the malformed-answer cases, to a fake service on another path that this file controls. The
// platform's provider pages through a generated course and records each page it was asked for.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateSigningKey } from '../../../src/keys/generate_signing_key.js';
import { fixedClock } from '../../../src/lib/clock.js';
import { createPlatform } from '../../../src/platform/create_platform.js';
import type { NrpsOptions } from '../../../src/platform/nrps/options.js';
import { createMemoryStores } from '../../../src/stores/memory.js';
import type { StoredSigningKey } from '../../../src/stores/types.js';
import { createTool } from '../../../src/tool/create_tool.js';
import { withMembershipQuery } from '../../../src/tool/nrps/fetch_membership_page.js';
import { LTI_CLAIM } from '../../../src/vocab/claims.js';
import { CONTEXT_ROLE } from '../../../src/vocab/roles.js';
import { SCOPE } from '../../../src/vocab/scopes.js';
import { rejectsLtiError, throwsLtiError } from '../../support/assert_lti_error.js';
import { COURSE, DIFFERENCES_CURSOR, RESOURCE_LINK_ID, rosterProvider } from '../../support/nrps_roster.js';
import { registerKeyedTool, registerPlatformOn } from '../../support/service_platform.js';

const T0 = 1_767_225_600;
const ISSUER = 'https://lms.example.edu';
const MEMBERSHIPS_URL = `${ISSUER}/lti/contexts/${COURSE.id}/memberships`;
const FAKE_URL = `${ISSUER}/fake/memberships`;
const CLIENT_ID = 'c-7731';
const DEPLOYMENT_ID = 'dep-01';
const TARGET = { issuer: ISSUER, clientId: CLIENT_ID, deploymentId: DEPLOYMENT_ID };
const CONTAINER = 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json';

const sharedToolKey = generateSigningKey({ alg: 'RS256', now: T0 });

type Handler = (request: Request) => Response | Promise<Response>;

async function setup(options: { size?: number; nrps?: Partial<NrpsOptions> } = {}) {
  const clock = fixedClock(T0);
  const provider = rosterProvider(options.size ?? 2500, options.nrps);
  const platform = createPlatform({
    issuer: ISSUER,
    stores: createMemoryStores(clock),
    clock,
    currentUser: 'message-hint-only',
    nrps: provider,
    serviceContextAccess: (contextId, grant) => contextId === COURSE.id && grant.clientId === CLIENT_ID,
  });
  const key: StoredSigningKey = { ...(await sharedToolKey), status: 'active', activatedAt: T0 };
  const toolStores = createMemoryStores(clock);
  await toolStores.keys.saveKey('tool', key);

  /** Every memberships request the tool sent (real endpoint or fake). */
  const sent: Request[] = [];
  let fake: Handler = () => new Response(null, { status: 404 });
  const tool = createTool({
    baseUrl: 'https://tool.example.com/lti',
    stores: toolStores,
    clock,
    onLaunch: () => new Response('launched'),
    fetch: async (input, init) => {
      const request = new Request(input, init);
      const path = new URL(request.url).pathname;
      if (path.endsWith('/memberships')) sent.push(request.clone());
      return path.startsWith('/fake/') ? fake(request) : platform.fetch(request);
    },
  });
  const account = { clientId: CLIENT_ID, deploymentIds: [DEPLOYMENT_ID] };
  await registerKeyedTool(platform, { ...account, name: 'Roster tool', publicJwk: key.publicJwk, claims: ['name', 'email'], scopes: [SCOPE.contextMembershipReadonly] });
  await registerPlatformOn(tool, platform, account);
  return {
    tool,
    platform,
    provider,
    sent,
    /** Answers the tool's requests to `/fake/…` with `handler`. */
    serveFake(handler: Handler) {
      fake = handler;
    },
  };
}

const container = (members: unknown[], id = FAKE_URL) => JSON.stringify({ id, context: { id: COURSE.id }, members });
const containerResponse = (body: string, headers: Record<string, string> | Headers = { 'content-type': CONTAINER }) => new Response(body, { status: 200, headers });

describe('tool.nrps.members: every member across pages (NRPS-030, NRPS-032)', () => {
  it('walks all pages of a 2,500-member course, one request per page, with the exact Accept and a Bearer token', async () => {
    const { tool, provider, sent } = await setup();
    const members = tool.nrps.members(TARGET, MEMBERSHIPS_URL, { limit: 1000 });
    const ids = new Set<string>();
    for await (const member of members) ids.add(member.user_id);
    assert.equal(ids.size, 2500);
    assert.equal(members.pagesRead, 3);
    assert.equal(sent.length, 3);
    assert.deepEqual(
      provider.queries.map((query) => query.cursor),
      [undefined, '1000', '2000'],
    );
    for (const request of sent) {
      // NRPS-002, CERT-T-72: exactly the container media type, and the token.
      assert.equal(request.headers.get('accept'), CONTAINER);
      assert.match(request.headers.get('authorization') ?? '', /^Bearer [A-Za-z0-9_-]+$/);
      assert.equal(request.method, 'GET');
    }
    assert.equal(sent[0]?.url, `${MEMBERSHIPS_URL}?limit=1000`);
    assert.equal(sent[1]?.url, `${MEMBERSHIPS_URL}?limit=1000&cursor=1000`);
    assert.deepEqual(members.context, { id: COURSE.id, label: COURSE.label, title: COURSE.title });
    assert.equal(members.differencesUrl, `${MEMBERSHIPS_URL}?limit=1000&since=${DIFFERENCES_CURSOR}`);
  });

  it('reads the next page only when the members already read are used up, and stops when the loop stops', async () => {
    const { tool, provider } = await setup();
    const members = tool.nrps.members(TARGET, MEMBERSHIPS_URL, { limit: 100 });
    assert.equal(provider.queries.length, 0, 'nothing is read before the first member is asked for');
    let count = 0;
    for await (const member of members) {
      count += 1;
      if (count === 100) assert.equal(provider.queries.length, 1, `page 2 not yet read at ${member.user_id}`);
      if (count === 101) assert.equal(provider.queries.length, 2);
      if (count === 150) break;
    }
    assert.equal(provider.queries.length, 2);
    assert.deepEqual(await members.next(), { done: true, value: undefined });
    assert.equal(provider.queries.length, 2);
  });

  it('sends role (short names as URIs), limit and rlid, and gets the message sections', async () => {
    const { tool, provider, sent } = await setup({ size: 100 });
    const found = [];
    for await (const member of tool.nrps.members(TARGET, MEMBERSHIPS_URL, { role: 'Instructor', limit: 2, resourceLinkId: RESOURCE_LINK_ID })) found.push(member);
    assert.deepEqual(
      found.map((member) => member.user_id),
      ['u-000000', 'u-000025', 'u-000050', 'u-000075'],
    );
    assert.equal(sent[0]?.url, `${MEMBERSHIPS_URL}?role=${encodeURIComponent(CONTEXT_ROLE.Instructor)}&limit=2&rlid=${RESOURCE_LINK_ID}`);
    assert.ok(provider.queries.every((query) => query.role === CONTEXT_ROLE.Instructor && query.resourceLinkId === RESOURCE_LINK_ID));
    assert.deepEqual(found[1]?.message?.[0]?.[LTI_CLAIM.custom], { extra_time: '25' });
    // MSG-004 on the way: the tool may receive name and email only.
    assert.deepEqual(Object.keys(found[1]!).sort(), ['email', 'lis_person_sourcedid', 'message', 'name', 'roles', 'status', 'user_id']);
  });

  it('preserves the query string already in the memberships URL, byte for byte (NRPS-012)', async () => {
    const { tool, sent } = await setup({ size: 5 });
    const url = `${MEMBERSHIPS_URL}?tenant=a%20b&x=1`;
    const ids = [];
    for await (const member of tool.nrps.members(TARGET, url, { role: CONTEXT_ROLE.Learner, limit: 50 })) ids.push(member.user_id);
    assert.equal(ids.length, 4);
    assert.equal(sent[0]?.url, `${MEMBERSHIPS_URL}?tenant=a%20b&x=1&role=${encodeURIComponent(CONTEXT_ROLE.Learner)}&limit=50`);
  });

  it('iterates a differences URL later, removed members Deleted', async () => {
    const { tool } = await setup({ size: 10 });
    const members = tool.nrps.members(TARGET, MEMBERSHIPS_URL);
    for await (const _member of members) {
      // read all
    }
    const changes = [];
    for await (const member of tool.nrps.members(TARGET, members.differencesUrl!)) changes.push([member.user_id, member.status]);
    assert.deepEqual(changes, [
      ['u-000001', 'Active'],
      ['u-000002', 'Deleted'],
      ['u-000010', 'Active'],
    ]);
  });

  it('fails a context the tool may not use with ERR_LTI_SERVICE_REQUEST_FAILED (status 404)', async () => {
    const { tool } = await setup();
    const error = await rejectsLtiError(tool.nrps.members(TARGET, `${ISSUER}/lti/contexts/ctx-other/memberships`).next(), 'ERR_LTI_SERVICE_REQUEST_FAILED');
    assert.equal(error.detail?.status, 404);
  });
});

describe('tool.nrps.page: one page and its links', () => {
  it('returns the validated container, the next and differences URLs, and follows next as given', async () => {
    const { tool } = await setup({ size: 25 });
    const first = await tool.nrps.page(TARGET, MEMBERSHIPS_URL, { limit: 10 });
    assert.equal(first.url, `${MEMBERSHIPS_URL}?limit=10`);
    assert.equal(first.container.id, first.url);
    assert.equal(first.members.length, 10);
    assert.equal(first.nextUrl, `${MEMBERSHIPS_URL}?limit=10&cursor=10`);
    assert.equal(first.differencesUrl, `${MEMBERSHIPS_URL}?limit=10&since=${DIFFERENCES_CURSOR}`);
    const second = await tool.nrps.page(TARGET, first.nextUrl!);
    assert.equal(second.members[0]?.user_id, 'u-000010');
    const third = await tool.nrps.page(TARGET, second.nextUrl!);
    assert.equal(third.members.length, 5);
    assert.equal(third.nextUrl, undefined);
  });

  it('fills in a missing status as Active and ignores unknown member properties (NRPS-022)', async () => {
    const { tool, serveFake } = await setup();
    serveFake(() => containerResponse(container([{ user_id: 'u-1', roles: [], name: null, vendor_extension: { x: 1 } }])));
    const { members } = await tool.nrps.page(TARGET, FAKE_URL);
    assert.equal(members[0]?.status, 'Active');
    assert.equal('name' in members[0]!, false);
  });

  it('reads links from separate Link headers and resolves a relative link against the page (NRPS-033)', async () => {
    const { tool, serveFake } = await setup();
    serveFake(() => {
      const headers = new Headers({ 'content-type': CONTAINER });
      headers.append('link', '</fake/memberships?page=2,3>; rel="next"');
      headers.append('link', `<${FAKE_URL}?since=77>; rel=differences`);
      return containerResponse(container([]), headers);
    });
    const page = await tool.nrps.page(TARGET, FAKE_URL);
    assert.equal(page.nextUrl, `${FAKE_URL}?page=2,3`);
    assert.equal(page.differencesUrl, `${FAKE_URL}?since=77`);
  });

  it('accepts a container sent as application/json (lenient platforms)', async () => {
    const { tool, serveFake } = await setup();
    serveFake(() => containerResponse(container([{ user_id: 'u-1', roles: [] }]), { 'content-type': 'application/json; charset=utf-8' }));
    assert.equal((await tool.nrps.page(TARGET, FAKE_URL)).members.length, 1);
  });
});

describe('tool.nrps: malformed answers fail with their own code', () => {
  const malformed: Array<[string, Handler]> = [
    ['a member without user_id', () => containerResponse(container([{ roles: [] }]))],
    ['a member without roles', () => containerResponse(container([{ user_id: 'u-1' }]))],
    ['an unknown status', () => containerResponse(container([{ user_id: 'u-1', roles: [], status: 'Suspended' }]))],
    ['no members array', () => containerResponse(JSON.stringify({ id: FAKE_URL, context: { id: COURSE.id } }))],
    ['no context', () => containerResponse(JSON.stringify({ id: FAKE_URL, members: [] }))],
    ['a body that is not JSON', () => containerResponse('{"members": [')],
    ['an HTML page', () => containerResponse('<html>Sign in</html>', { 'content-type': 'text/html' })],
    ['no content type', () => new Response(new TextEncoder().encode(container([])), { status: 200 })],
  ];
  for (const [problem, handler] of malformed) {
    it(`${problem} → ERR_LTI_NRPS_CONTAINER_INVALID`, async () => {
      const { tool, serveFake } = await setup();
      serveFake(handler);
      await rejectsLtiError(tool.nrps.page(TARGET, FAKE_URL), 'ERR_LTI_NRPS_CONTAINER_INVALID');
      await rejectsLtiError(tool.nrps.members(TARGET, FAKE_URL).next(), 'ERR_LTI_NRPS_CONTAINER_INVALID');
    });
  }

  it('names the failing path of a malformed member', async () => {
    const { tool, serveFake } = await setup();
    serveFake(() => containerResponse(container([{ user_id: 'u-1', roles: [] }, { user_id: 'u-2', roles: 'Learner' }])));
    const error = await rejectsLtiError(tool.nrps.page(TARGET, FAKE_URL), 'ERR_LTI_NRPS_CONTAINER_INVALID');
    assert.equal(error.detail?.path, 'members.1.roles');
  });

  it('refuses to follow a next link to another origin with ERR_LTI_NRPS_LINK_UNTRUSTED (the token would go there)', async () => {
    const { tool, serveFake, sent } = await setup();
    serveFake(() => containerResponse(container([{ user_id: 'u-1', roles: [] }]), { 'content-type': CONTAINER, link: '<https://attacker.example/collect>; rel="next"' }));
    const members = tool.nrps.members(TARGET, FAKE_URL);
    await rejectsLtiError(members.next(), 'ERR_LTI_NRPS_LINK_UNTRUSTED');
    assert.equal(sent.length, 1);
    assert.deepEqual(await members.next(), { done: true, value: undefined });
  });

  it('stops a next link back to a page already read with ERR_LTI_NRPS_PAGING_LOOP', async () => {
    const { tool, serveFake, sent } = await setup();
    serveFake((request) => {
      const page = new URL(request.url).searchParams.get('page') ?? '1';
      const next = page === '1' ? `${FAKE_URL}?page=2` : FAKE_URL;
      return containerResponse(container([{ user_id: `u-${page}`, roles: [] }]), { 'content-type': CONTAINER, link: `<${next}>; rel="next"` });
    });
    const members = tool.nrps.members(TARGET, FAKE_URL);
    assert.equal((await members.next()).value?.user_id, 'u-1');
    await rejectsLtiError(members.next(), 'ERR_LTI_NRPS_PAGING_LOOP');
    assert.equal(sent.length, 2);
  });

  it('refuses a bad limit or an empty role before any request', async () => {
    const { tool, sent } = await setup();
    await rejectsLtiError(tool.nrps.page(TARGET, MEMBERSHIPS_URL, { limit: 0 }), 'ERR_LTI_NRPS_LIMIT_INVALID');
    await rejectsLtiError(tool.nrps.members(TARGET, MEMBERSHIPS_URL, { limit: 2.5 }).next(), 'ERR_LTI_NRPS_LIMIT_INVALID');
    await rejectsLtiError(tool.nrps.page(TARGET, MEMBERSHIPS_URL, { role: ' ' }), 'ERR_LTI_NRPS_QUERY_INVALID');
    assert.equal(sent.length, 0);
  });
});

describe('withMembershipQuery (NRPS-012)', () => {
  it('appends to a URL without a query, with one, with a trailing ? or &, and before a fragment', () => {
    assert.equal(withMembershipQuery('https://lms.example.edu/m', { limit: 5 }), 'https://lms.example.edu/m?limit=5');
    assert.equal(withMembershipQuery('https://lms.example.edu/m?a=%2F+b', { limit: 5 }), 'https://lms.example.edu/m?a=%2F+b&limit=5');
    assert.equal(withMembershipQuery('https://lms.example.edu/m?', { limit: 5 }), 'https://lms.example.edu/m?limit=5');
    assert.equal(withMembershipQuery('https://lms.example.edu/m?a=1&', { limit: 5 }), 'https://lms.example.edu/m?a=1&limit=5');
    assert.equal(withMembershipQuery('https://lms.example.edu/m?a=1#top', { resourceLinkId: 'rl 1' }), 'https://lms.example.edu/m?a=1&rlid=rl%201');
    assert.equal(withMembershipQuery('https://lms.example.edu/m?a=1', {}), 'https://lms.example.edu/m?a=1');
    throwsLtiError(() => withMembershipQuery('https://lms.example.edu/m', { resourceLinkId: '' }), 'ERR_LTI_NRPS_QUERY_INVALID');
  });
});
