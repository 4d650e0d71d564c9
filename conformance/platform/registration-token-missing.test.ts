// Platform registration endpoint (DR-030): a registration without a registration token is refused
// with 401 `invalid_token` and a Bearer challenge; nothing is stored.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { TOOL_ORIGIN, assertRegistrationRefused, clientRegistration, createRegistrationHarness } from '../support/registration_harness.js';

it('a registration without a token is refused with ERR_LTI_DR_TOKEN_MISSING (401 invalid_token)', async () => {
  const harness = createRegistrationHarness();
  const response = await harness.register(clientRegistration(TOOL_ORIGIN));
  assert.equal(response.headers.get('www-authenticate'), 'Bearer error="invalid_token"');
  await assertRegistrationRefused(response, 401, 'invalid_token', 'ERR_LTI_DR_TOKEN_MISSING');
  assert.deepEqual(await harness.platformStores.tools.listTools(), []);
});
