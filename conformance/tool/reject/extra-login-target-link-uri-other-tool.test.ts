// Extra negative case (certification.md §2, last paragraph): `target_link_uri` of another tool, at
// login initiation (OIDC-005): the tool only starts logins that end at one of its own URLs (here:
// anything under https://tool.example.com/), so it cannot be used as an open redirect.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

for (const target of ['https://other-tool.example.net/lti/launch', 'https://tool.example.com.evil.example/lti/launch']) {
  it(`login with target_link_uri ${target} is refused with ERR_LTI_TARGET_LINK_URI_NOT_ALLOWED`, async () => {
    const harness = await createToolHarness();
    const response = await harness.requestLogin({ parameters: { target_link_uri: target } });
    assert.deepEqual(response.headers.getSetCookie(), []);
    await assertRejectedWith(response, 'ERR_LTI_TARGET_LINK_URI_NOT_ALLOWED');
  });
}
