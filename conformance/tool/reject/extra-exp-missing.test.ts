// Extra negative case (VAL-009): an id_token without `exp` would never expire.
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('an id_token without exp is refused with ERR_LTI_TOKEN_EXP_MISSING', async () => {
  const harness = await createToolHarness();
  const { response } = await harness.launch('student', (payload) => {
    delete payload.exp;
  });
  await assertRejectedWith(response, 'ERR_LTI_TOKEN_EXP_MISSING');
});
