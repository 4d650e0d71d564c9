// Extra negative case: the launch POST carries a state but no `id_token` (VAL-001).
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('a launch without id_token is refused with ERR_LTI_ID_TOKEN_MISSING', async () => {
  const harness = await createToolHarness();
  const login = await harness.login();
  const response = await harness.postLaunch({ state: login.state, cookie: login.cookie });
  await assertRejectedWith(response, 'ERR_LTI_ID_TOKEN_MISSING');
});
