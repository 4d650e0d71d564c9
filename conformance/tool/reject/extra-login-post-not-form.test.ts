// Extra negative case (OIDC-001): a login initiation POST must be
// `application/x-www-form-urlencoded`; a JSON body is not read as parameters.
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { createToolHarness, LOGIN_URL } from '../../support/tool_harness.js';

it('a login POST with a JSON body is refused with ERR_LTI_REQUEST_MALFORMED', async () => {
  const harness = await createToolHarness();
  const response = await harness.tool.fetch(
    new Request(LOGIN_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(harness.loginParameters()),
    }),
  );
  await assertRejectedWith(response, 'ERR_LTI_REQUEST_MALFORMED');
});
