// Extra negative case (OIDC-024, tool side): the platform answers the authentication request with
// `error`, `error_description` and `state` instead of an id_token (see the platform cases
// authorize-*). The tool shows the platform's refusal as such.
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('an error posted back by the platform is refused with ERR_LTI_PLATFORM_REFUSED_LOGIN', async () => {
  const harness = await createToolHarness();
  const login = await harness.login();
  const response = await harness.postLaunch({
    state: login.state,
    cookie: login.cookie,
    fields: { error: 'login_required', error_description: 'ERR_LTI_AUTH_USER_MISMATCH: another user is signed in' },
  });
  await assertRejectedWith(response, 'ERR_LTI_PLATFORM_REFUSED_LOGIN');
});
