// Extra negative case (VAL-001): the id_token is not a JWS compact JWT — two parts, or a header
// that is not JSON.
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { base64url, createToolHarness } from '../../support/tool_harness.js';

for (const [name, idToken] of [
  ['two parts', `${base64url('{"alg":"RS256","kid":"k"}')}.${base64url('{}')}`],
  ['a header that is not JSON', `${base64url('not json')}.${base64url('{}')}.${base64url('sig')}`],
] as const) {
  it(`an id_token with ${name} is refused with ERR_LTI_JWT_MALFORMED`, async () => {
    const harness = await createToolHarness();
    const login = await harness.login();
    const response = await harness.postLaunch({ idToken, state: login.state, cookie: login.cookie });
    await assertRejectedWith(response, 'ERR_LTI_JWT_MALFORMED');
  });
}
