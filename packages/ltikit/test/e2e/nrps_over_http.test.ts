// Names and Role Provisioning end to end over real HTTP on 127.0.0.1: a launch gives the tool the
// NRPS claim (NRPS-001); the tool gets a token from the platform's token endpoint (the platform
// fetching the tool's JWKS from the tool's own server, TOK-011) and reads every page of the course
// through `tool.nrps.members`, following the platform's `Link: rel="next"` (NRPS-030, NRPS-032).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LtiPlatform } from '../../src/platform/create_platform.js';
import type { LtiTool } from '../../src/tool/create_tool.js';
import type { ServiceTarget } from '../../src/tool/token/access_token_client.js';
import { NRPS_CLAIM } from '../../src/vocab/claims.js';
import { CONTEXT_ROLE } from '../../src/vocab/roles.js';
import { SCOPE } from '../../src/vocab/scopes.js';
import { rejectsLtiError } from '../support/assert_lti_error.js';
import { COURSE, rosterProvider } from '../support/nrps_roster.js';
import type { TestServer } from '../support/serve.js';
import { type ServiceWorld, startServiceWorld } from '../support/service_platform.js';
import { TestBrowser } from '../support/browser.js';

const CLIENT_ID = 'roster-tool';
const DEPLOYMENT_ID = 'deployment-1';
const COURSE_SIZE = 1234;

describe('NRPS over HTTP', () => {
  let world: ServiceWorld;
  let platformServer: TestServer;
  let toolServer: TestServer;
  let platform: LtiPlatform;
  let tool: LtiTool;
  let membershipsUrl: string;
  let target: ServiceTarget;
  const launches: Record<string, unknown>[] = [];

  before(async () => {
    const provider = rosterProvider(COURSE_SIZE);
    world = await startServiceWorld({
      registration: { clientId: CLIENT_ID, name: 'Roster tool', claims: ['name'], scopes: [SCOPE.contextMembershipReadonly], deploymentIds: [DEPLOYMENT_ID] },
      platform: () => ({ nrps: provider, serviceContextAccess: (contextId, grant) => contextId === COURSE.id && grant.clientId === CLIENT_ID }),
      onLaunch: (launch) => {
        launches.push(launch.claims);
        return new Response('launched');
      },
    });
    ({ platformServer, toolServer, platform, tool, target } = world);
    membershipsUrl = `${platformServer.origin}/lti/contexts/${COURSE.id}/memberships`;
  });
  after(() => world?.close());

  it('puts the memberships URL in the launch claim (NRPS-001)', async () => {
    const { loginUrl } = await platform.createLaunch({
      clientId: CLIENT_ID,
      deploymentId: DEPLOYMENT_ID,
      user: { id: 'u-000001' },
      roles: [CONTEXT_ROLE.Learner],
      context: { id: COURSE.id },
      resourceLink: { id: 'rl-1' },
    });
    // Through both servers: login → authorization endpoint → form_post → the tool's onLaunch.
    const { response } = await new TestBrowser().launch(loginUrl);
    assert.equal(response.status, 200);
    const launch = launches.at(-1)!;
    assert.deepEqual(launch[NRPS_CLAIM.namesRoleService], { context_memberships_url: membershipsUrl, service_versions: ['2.0'] });
  });

  it('reads every page of the course through tool.nrps.members', async () => {
    const members = tool.nrps.members(target, membershipsUrl, { limit: 500 });
    const ids = new Set<string>();
    let named = 0;
    for await (const member of members) {
      ids.add(member.user_id);
      if (member.name !== undefined) named += 1;
      assert.equal(member.email, undefined, 'the tool may receive names only (MSG-004)');
    }
    assert.equal(ids.size, COURSE_SIZE);
    assert.equal(named, COURSE_SIZE);
    assert.equal(members.pagesRead, 3);
    assert.equal(platformServer.hits.get(`/lti/contexts/${COURSE.id}/memberships`), 3);
    assert.equal(platformServer.hits.get('/lti/token'), 1);
    assert.equal(toolServer.hits.get('/lti/jwks'), 1);
    assert.ok(members.differencesUrl?.startsWith(`${membershipsUrl}?`));
  });

  it('answers a request with a wrong Accept with 406 over HTTP', async () => {
    const { accessToken } = await tool.getAccessToken(target, [SCOPE.contextMembershipReadonly]);
    const response = await fetch(membershipsUrl, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' } });
    assert.equal(response.status, 406);
    assert.equal(((await response.json()) as { code: string }).code, 'ERR_LTI_NRPS_ACCEPT_UNSUPPORTED');
  });

  it('fails a context of no deployment of the tool with the platform’s 404', async () => {
    const error = await rejectsLtiError(tool.nrps.page(target, `${platformServer.origin}/lti/contexts/ctx-other/memberships`), 'ERR_LTI_SERVICE_REQUEST_FAILED');
    assert.equal(error.detail?.status, 404);
  });
});
