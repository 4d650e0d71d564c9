// Extra negative case (core-security.md §2.1: `target_link_uri` is REQUIRED at login initiation).
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('login without target_link_uri is refused with ERR_LTI_LOGIN_TARGET_LINK_URI_MISSING', async () => {
  const harness = await createToolHarness();
  const response = await harness.requestLogin({ parameters: { target_link_uri: undefined } });
  await assertRejectedWith(response, 'ERR_LTI_LOGIN_TARGET_LINK_URI_MISSING');
});
