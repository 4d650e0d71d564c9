// Platform token endpoint (TOK-010, TOK-013, TOK-014): a conforming client-credentials request with
// a JWT client assertion gets a Bearer token for an hour, granted the requested scopes the tool is
// registered for, which then opens the service endpoints of those scopes (TOK-016, TOK-021).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { SCOPE } from 'ltikit';
import { TOOL_CLIENT_ID, TOOL_DEPLOYMENT_ID } from '../support/platform_harness.js';
import { createTokenHarness } from '../support/token_harness.js';

it('a conforming token request gets a Bearer token with expires_in 3600 and the granted scope', async () => {
  const harness = await createTokenHarness();
  // resultReadonly is not registered for the tool: not granted, not an error.
  const scope = [SCOPE.score, SCOPE.resultReadonly, SCOPE.lineItem].join(' ');
  const response = await harness.requestToken(harness.tokenParameters(await harness.assertion(), scope));
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  assert.equal(response.headers.get('cache-control'), 'no-store');
  const body = (await response.json()) as { access_token: string; token_type: string; expires_in: number; scope: string };
  assert.equal(body.token_type, 'Bearer');
  assert.equal(body.expires_in, 3600);
  assert.equal(body.scope, `${SCOPE.score} ${SCOPE.lineItem}`);

  const grant = await harness.platform.authorizeServiceRequest(
    new Request('https://lms.example.edu/api/lti/lineitems', { headers: { authorization: `Bearer ${body.access_token}` } }),
    [SCOPE.score],
  );
  assert.equal(grant.clientId, TOOL_CLIENT_ID);
  assert.equal(grant.deploymentId, TOOL_DEPLOYMENT_ID);
});
