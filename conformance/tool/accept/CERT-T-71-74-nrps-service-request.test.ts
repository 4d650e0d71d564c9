// CERT-T-71..74 (NRPS-002, TOK-001..005, TOK-020): the tool reads the roster through
// `tool.nrps.members`. The certification platform checks that it received the GET (T-71), that the
// request carries `Accept: application/vnd.ims.lti-nrps.v2.membershipcontainer+json` and a Bearer
// token (T-72), that the token was obtained with a client-credentials JWT assertion and is valid
// (T-73), and that it carries the `contextmembership.readonly` scope (T-74). Our own platform plays
// the certification platform here, through `platform.fetch` (no socket).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { fixedClock, SCOPE } from 'ltikit';
import { createMemoryStores } from 'ltikit/stores';
import { createTool } from 'ltikit/tool';
import { createNrpsHarness, MEMBERSHIP_CONTAINER, MEMBERSHIPS_URL, NRPS_TOOL_KEY } from '../../support/nrps_harness.js';
import { PLATFORM_ISSUER, TOOL_CLIENT_ID, TOOL_DEPLOYMENT_ID } from '../../support/platform_harness.js';
import { NOW } from '../../support/tool_harness.js';

it('the tool sends every NRPS request with the container Accept and a valid token of the NRPS scope, following next links', async () => {
  const harness = await createNrpsHarness();
  const clock = fixedClock(NOW);
  const stores = createMemoryStores(clock);
  await stores.keys.saveKey('tool', { ...(await NRPS_TOOL_KEY), status: 'active', activatedAt: NOW });
  const received: Request[] = [];
  const tool = createTool({
    baseUrl: 'https://tool.example.com/lti',
    stores,
    clock,
    onLaunch: () => new Response('launched'),
    fetch: async (input, init) => {
      const request = new Request(input, init);
      if (new URL(request.url).pathname.endsWith('/memberships')) received.push(request.clone());
      return harness.platform.fetch(request);
    },
  });
  await tool.registerPlatform({
    issuer: PLATFORM_ISSUER,
    clientId: TOOL_CLIENT_ID,
    deploymentIds: [TOOL_DEPLOYMENT_ID],
    authorizationEndpoint: harness.platform.config.authorizationEndpoint,
    tokenEndpoint: harness.platform.config.tokenEndpoint,
    jwksUri: harness.platform.config.jwksUri,
  });

  const ids: string[] = [];
  for await (const member of tool.nrps.members({ issuer: PLATFORM_ISSUER, clientId: TOOL_CLIENT_ID, deploymentId: TOOL_DEPLOYMENT_ID }, MEMBERSHIPS_URL, { limit: 50 })) {
    ids.push(member.user_id);
  }
  assert.equal(ids.length, 120);
  // T-71: the service received the GETs (three pages of at most 50).
  assert.equal(received.length, 3);
  for (const request of received) {
    assert.equal(request.method, 'GET');
    // T-72: the exact media type and a Bearer token.
    assert.equal(request.headers.get('accept'), MEMBERSHIP_CONTAINER);
    assert.match(request.headers.get('authorization') ?? '', /^Bearer \S+$/);
    // T-73, T-74: the platform knows the token, bound to the tool and its deployment, with the NRPS scope.
    const grant = await harness.platform.authorizeServiceRequest(request, [SCOPE.contextMembershipReadonly]);
    assert.equal(grant.clientId, TOOL_CLIENT_ID);
    assert.equal(grant.deploymentId, TOOL_DEPLOYMENT_ID);
    assert.deepEqual(grant.scopes, [SCOPE.contextMembershipReadonly]);
  }
});
