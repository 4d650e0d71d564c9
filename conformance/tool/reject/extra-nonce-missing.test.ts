// Extra negative case (VAL-011): an id_token without `nonce` cannot be tied to the login.
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('an id_token without nonce is refused with ERR_LTI_NONCE_MISSING', async () => {
  const harness = await createToolHarness();
  const { response } = await harness.launch('student', (payload) => {
    delete payload.nonce;
  });
  await assertRejectedWith(response, 'ERR_LTI_NONCE_MISSING');
});
