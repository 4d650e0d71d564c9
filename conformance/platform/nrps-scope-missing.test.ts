// TOK-021 (CERT-T-74 from the platform's side): a token without the
// `contextmembership.readonly` scope is answered 403 insufficient_scope with
// ERR_LTI_ACCESS_TOKEN_SCOPE_INSUFFICIENT.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { SCOPE } from 'ltikit';
import { assertRejectedWith } from '../support/assertions.js';
import { createNrpsHarness, GRADES_CLIENT_ID, MEMBERSHIPS_URL } from '../support/nrps_harness.js';

it('a token of the AGS score scope reading memberships is answered 403 ERR_LTI_ACCESS_TOKEN_SCOPE_INSUFFICIENT', async () => {
  const harness = await createNrpsHarness();
  const token = await harness.token(GRADES_CLIENT_ID, SCOPE.score);
  const response = await harness.get(MEMBERSHIPS_URL, { token });
  assert.equal(response.status, 403);
  assert.equal(response.headers.get('www-authenticate'), 'Bearer error="insufficient_scope"');
  await assertRejectedWith(response, 'ERR_LTI_ACCESS_TOKEN_SCOPE_INSUFFICIENT');
});
