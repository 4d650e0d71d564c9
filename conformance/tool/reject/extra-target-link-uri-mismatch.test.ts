// Extra negative case (certification.md §2, last paragraph): `target_link_uri` of another tool in the
// id_token (VAL-018): the login named this tool's launch URL, the token another one.
import { it } from 'node:test';
import { LTI_CLAIM } from 'ltikit/vocab';
import { assertRejectedWith } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('lti:target_link_uri differing from the login is refused with ERR_LTI_TARGET_LINK_URI_MISMATCH', async () => {
  const harness = await createToolHarness();
  const { response } = await harness.launch('student', (payload) => {
    payload[LTI_CLAIM.targetLinkUri] = 'https://other-tool.example.net/lti/launch';
  });
  await assertRejectedWith(response, 'ERR_LTI_TARGET_LINK_URI_MISMATCH');
});
