// Platform registration endpoint (DR-003, DR-030): a registration token serves once. The second
// registration with it is refused, and only one tool is registered.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { TOOL_ORIGIN, assertRegistrationRefused, clientRegistration, createRegistrationHarness } from '../support/registration_harness.js';

it('a token presented twice is refused the second time with ERR_LTI_DR_TOKEN_INVALID (401 invalid_token)', async () => {
  const harness = createRegistrationHarness();
  const token = await harness.token();
  assert.equal((await harness.register(clientRegistration(TOOL_ORIGIN), token)).status, 200);
  await assertRegistrationRefused(await harness.register(clientRegistration(TOOL_ORIGIN), token), 401, 'invalid_token', 'ERR_LTI_DR_TOKEN_INVALID');
  assert.equal((await harness.platformStores.tools.listTools()).length, 1);
});
