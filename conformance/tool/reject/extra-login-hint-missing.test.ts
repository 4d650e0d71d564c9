// Extra negative case (OIDC-003): login initiation without `login_hint` — a 4xx, no redirect, no state.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

for (const method of ['GET', 'POST'] as const) {
  it(`${method} login without login_hint is refused with ERR_LTI_LOGIN_HINT_MISSING`, async () => {
    const harness = await createToolHarness();
    const response = await harness.requestLogin({ method, parameters: { login_hint: undefined } });
    assert.deepEqual(response.headers.getSetCookie(), []);
    await assertRejectedWith(response, 'ERR_LTI_LOGIN_HINT_MISSING');
  });
}
