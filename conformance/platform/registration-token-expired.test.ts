// Platform registration endpoint (DR-003, DR-030): a registration token is short-lived (ten
// minutes by default). Past its lifetime it is refused; nothing is stored.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { TOOL_ORIGIN, assertRegistrationRefused, clientRegistration, createRegistrationHarness } from '../support/registration_harness.js';

it('a token past its lifetime is refused with ERR_LTI_DR_TOKEN_INVALID (401 invalid_token)', async () => {
  const harness = createRegistrationHarness();
  const token = await harness.token();
  harness.clock.advance(601);
  await assertRegistrationRefused(await harness.register(clientRegistration(TOOL_ORIGIN), token), 401, 'invalid_token', 'ERR_LTI_DR_TOKEN_INVALID');
  assert.deepEqual(await harness.platformStores.tools.listTools(), []);
});
