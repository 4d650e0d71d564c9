// Extra negative case: the launch POST has an id_token but no `state` field (VAL-002).
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { baselinePayload, createToolHarness } from '../../support/tool_harness.js';

it('a launch without state is refused with ERR_LTI_STATE_MISSING', async () => {
  const harness = await createToolHarness();
  const login = await harness.login();
  const idToken = await harness.sign(baselinePayload('student', login.nonce));
  const response = await harness.postLaunch({ idToken, cookie: login.cookie });
  await assertRejectedWith(response, 'ERR_LTI_STATE_MISSING');
});
