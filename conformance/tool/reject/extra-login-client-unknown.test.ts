// Extra negative case (OIDC-003, VAL-004): login initiation whose (`iss`, `client_id`) matches no
// registration — a registered issuer with an unknown client id, and an unknown issuer.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

for (const [name, parameters] of [
  ['an unknown client_id', { client_id: 'imstester_unknown' }],
  ['an unknown iss', { iss: 'https://unregistered-platform.example.com' }],
  ['an unknown iss and no client_id', { iss: 'https://unregistered-platform.example.com', client_id: undefined }],
] as const) {
  it(`login with ${name} is refused with ERR_LTI_PLATFORM_UNKNOWN`, async () => {
    const harness = await createToolHarness();
    const response = await harness.requestLogin({ parameters });
    assert.deepEqual(response.headers.getSetCookie(), []);
    await assertRejectedWith(response, 'ERR_LTI_PLATFORM_UNKNOWN');
  });
}
