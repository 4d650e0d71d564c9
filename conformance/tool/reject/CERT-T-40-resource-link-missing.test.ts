// CERT-T-40 · "Launch With Missing resource_link_id" (certification.md §2): `lti:resource_link`
// absent from an LtiResourceLinkRequest (VAL-016).
import { it } from 'node:test';
import { LTI_CLAIM } from 'ltikit/vocab';
import { assertRejectedWith } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('CERT-T-40 Launch With Missing resource_link_id: refused with ERR_LTI_RESOURCE_LINK_MISSING', async () => {
  const harness = await createToolHarness();
  const { response } = await harness.launch('student', (payload) => {
    delete payload[LTI_CLAIM.resourceLink];
  });
  await assertRejectedWith(response, 'ERR_LTI_RESOURCE_LINK_MISSING');
});
