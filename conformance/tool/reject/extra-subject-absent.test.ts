// Extra negative case (VAL-017): no `sub` at all is an anonymous launch, which this tool refuses by
// its default policy (`allowAnonymous: false`); compare CERT-T-41, where `sub` is present but empty.
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('a launch without sub is refused with ERR_LTI_SUBJECT_REQUIRED', async () => {
  const harness = await createToolHarness();
  const { response } = await harness.launch('student', (payload) => {
    delete payload.sub;
  });
  await assertRejectedWith(response, 'ERR_LTI_SUBJECT_REQUIRED');
});
