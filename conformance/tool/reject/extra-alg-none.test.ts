// Extra negative case (certification.md §2, last paragraph): `alg: none` (SEC-002, SEC-003): an
// unsecured JWT with the platform's real `kid` and an empty signature, assembled by hand.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { assembleJwt, baselinePayload, createToolHarness } from '../../support/tool_harness.js';

it('alg none is refused with ERR_LTI_JWT_ALG_NOT_ALLOWED', async () => {
  const harness = await createToolHarness();
  const login = await harness.login();
  const idToken = assembleJwt({ alg: 'none', kid: harness.platformKey.kid, typ: 'JWT' }, baselinePayload('student', login.nonce));
  const response = await harness.postLaunch({ idToken, state: login.state, cookie: login.cookie });
  await assertRejectedWith(response, 'ERR_LTI_JWT_ALG_NOT_ALLOWED');
  assert.deepEqual(harness.fetched, [], 'refused before any key is fetched');
});
