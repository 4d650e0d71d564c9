// CERT-T-71..74 (NRPS-002, TOK-001..005, TOK-020): the tool reads the roster through
// `tool.nrps.members`. The certification platform checks that it received the GET (T-71), that the
// request carries `Accept: application/vnd.ims.lti-nrps.v2.membershipcontainer+json` and a Bearer
// token (T-72), that the token was obtained with a client-credentials JWT assertion and is valid
// (T-73), and that it carries the `contextmembership.readonly` scope (T-74). Our own platform plays
// the certification platform here, through `platform.fetch` (no socket).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { SCOPE } from 'ltikit';
import { createNrpsHarness, MEMBERSHIP_CONTAINER, MEMBERSHIPS_URL } from '../../support/nrps_harness.js';
import { assertServiceGrant, createServiceTool } from '../../support/service_harness.js';

it('the tool sends every NRPS request with the container Accept and a valid token of the NRPS scope, following next links', async () => {
  const harness = await createNrpsHarness();
  const { tool, received, target } = await createServiceTool(harness, (path) => path.endsWith('/memberships'));

  const ids: string[] = [];
  for await (const member of tool.nrps.members(target, MEMBERSHIPS_URL, { limit: 50 })) {
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
    await assertServiceGrant(harness.platform, request, SCOPE.contextMembershipReadonly);
  }
});
