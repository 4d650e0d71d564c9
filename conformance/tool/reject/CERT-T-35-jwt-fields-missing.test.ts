// CERT-T-35 · "One or more JWT fields missing" (certification.md §2): `message_type`, `version`
// and `roles` all absent. The LTI claims are checked in a fixed order (version, message type,
// deployment id, roles, subject), so the first failing check names the failure: the version
// (VAL-012).
import { it } from 'node:test';
import { LTI_CLAIM } from 'ltikit/vocab';
import { assertRejectedWith } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('CERT-T-35 One or more JWT fields missing: refused with ERR_LTI_VERSION_MISSING', async () => {
  const harness = await createToolHarness();
  const { response } = await harness.launch('student', (payload) => {
    delete payload[LTI_CLAIM.messageType];
    delete payload[LTI_CLAIM.version];
    delete payload[LTI_CLAIM.roles];
  });
  await assertRejectedWith(response, 'ERR_LTI_VERSION_MISSING');
});
