// Service endpoints (TOK-021): a valid access token lacking the endpoint's scope gets 403 with a
// Bearer `insufficient_scope` challenge (RFC 6750 §3.1); a missing or unknown token gets 401.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { SCOPE } from 'ltikit';
import { platformErrorResponse } from 'ltikit/platform';
import { assertRejectedWith } from '../support/assertions.js';
import { createTokenHarness } from '../support/token_harness.js';

it('a token without the service’s scope is refused with 403 ERR_LTI_ACCESS_TOKEN_SCOPE_INSUFFICIENT; no token with 401', async () => {
  const harness = await createTokenHarness();
  const answer = await harness.requestToken(harness.tokenParameters(await harness.assertion(), SCOPE.score));
  const { access_token: accessToken } = (await answer.json()) as { access_token: string };
  // The membership service of a course, guarded as an application would guard it.
  const membershipService = async (request: Request): Promise<Response> => {
    try {
      await harness.platform.authorizeServiceRequest(request, [SCOPE.contextMembershipReadonly]);
      return Response.json({ members: [] });
    } catch (error) {
      return platformErrorResponse(error, request);
    }
  };
  const url = 'https://lms.example.edu/api/lti/contexts/8893483/memberships';

  const forbidden = await membershipService(new Request(url, { headers: { authorization: `Bearer ${accessToken}` } }));
  assert.equal(forbidden.status, 403);
  assert.equal(forbidden.headers.get('www-authenticate'), 'Bearer error="insufficient_scope"');
  await assertRejectedWith(forbidden, 'ERR_LTI_ACCESS_TOKEN_SCOPE_INSUFFICIENT');

  const anonymous = await membershipService(new Request(url));
  assert.equal(anonymous.status, 401);
  assert.equal(anonymous.headers.get('www-authenticate'), 'Bearer error="invalid_token"');
  await assertRejectedWith(anonymous, 'ERR_LTI_ACCESS_TOKEN_MISSING');
});
