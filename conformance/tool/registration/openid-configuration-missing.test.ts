// Tool registration initiation (DR-002): without `openid_configuration` the tool answers 400 and
// contacts no platform.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { REGISTRATION_URL, assertRegistrationPageRefused, createRegistrationHarness } from '../../support/registration_harness.js';

it('an initiation without openid_configuration is refused with ERR_LTI_DR_OPENID_CONFIGURATION_MISSING (400)', async () => {
  const harness = createRegistrationHarness();
  let calls = 0;
  const tool = harness.tool(() => {
    calls += 1;
    return new Response(null, { status: 500 });
  });
  const response = await tool.fetch(new Request(`${REGISTRATION_URL}?registration_token=abc`));
  assert.equal(response.status, 400);
  await assertRegistrationPageRefused(response, 'ERR_LTI_DR_OPENID_CONFIGURATION_MISSING', harness);
  assert.equal(calls, 0);
});
