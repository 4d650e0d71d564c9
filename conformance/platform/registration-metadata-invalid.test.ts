// Platform registration endpoint (DR-031): a client registration whose `token_endpoint_auth_method`
// is not `private_key_jwt` is refused with an RFC 7591 `invalid_client_metadata` error naming the
// member; nothing is stored, and the token is spent (a corrected body needs a new one).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { TOOL_ORIGIN, assertRegistrationRefused, clientRegistration, createRegistrationHarness } from '../support/registration_harness.js';

it('token_endpoint_auth_method client_secret_basic is refused with ERR_LTI_DR_CLIENT_METADATA_INVALID (invalid_client_metadata)', async () => {
  const harness = createRegistrationHarness();
  const token = await harness.token();
  const body = await assertRegistrationRefused(
    await harness.register(clientRegistration(TOOL_ORIGIN, { token_endpoint_auth_method: 'client_secret_basic' }), token),
    400,
    'invalid_client_metadata',
    'ERR_LTI_DR_CLIENT_METADATA_INVALID',
  );
  assert.equal(body.detail?.field, 'token_endpoint_auth_method');
  assert.deepEqual(await harness.platformStores.tools.listTools(), []);
  assert.equal((await harness.register(clientRegistration(TOOL_ORIGIN), token)).status, 401);
});
