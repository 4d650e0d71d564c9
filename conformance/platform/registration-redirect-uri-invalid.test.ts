// Platform registration endpoint (DR-031): a `target_link_uri` that is not one of the
// `redirect_uris` is refused with an RFC 7591 `invalid_redirect_uri` error naming the member.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { TOOL_CONFIGURATION, TOOL_ORIGIN, assertRegistrationRefused, clientRegistration, createRegistrationHarness } from '../support/registration_harness.js';

it('a target_link_uri outside the redirect_uris is refused with ERR_LTI_DR_REDIRECT_URI_INVALID (invalid_redirect_uri)', async () => {
  const harness = createRegistrationHarness();
  const body = await assertRegistrationRefused(
    await harness.register(clientRegistration(TOOL_ORIGIN, {}, { target_link_uri: `${TOOL_ORIGIN}/somewhere-else` }), await harness.token()),
    400,
    'invalid_redirect_uri',
    'ERR_LTI_DR_REDIRECT_URI_INVALID',
  );
  assert.equal(body.detail?.field, `${TOOL_CONFIGURATION}.target_link_uri`);
  assert.deepEqual(await harness.platformStores.tools.listTools(), []);
});
