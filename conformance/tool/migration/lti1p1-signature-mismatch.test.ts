// MIG-001, MIG-004 (lti11.md §5) · "signature mismatch": the sign was made with another secret, or
// over another `exp` than the id_token's (an altered token). The launch is accepted; the migration
// is refused with ERR_LTI_LTI1P1_SIGNATURE_MISMATCH and nothing is linked.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertLaunched } from '../../support/assertions.js';
import { CONSUMER_KEY, createMigrationHarness, launchWithLti1p1, signFor } from '../../support/lti1p1_harness.js';
import type { LaunchPayload } from '../../support/tool_harness.js';

const variants: Record<string, (payload: LaunchPayload) => Promise<string>> = {
  'signed with another secret': (payload) => signFor(payload, { secret: 'not-the-1.1-secret' }),
  'signed over another exp': (payload) => signFor(payload, { exp: (payload.exp as number) + 60 }),
};

for (const [name, sign] of Object.entries(variants)) {
  it(`MIG-004 signature mismatch (${name}): launch accepted, migration refused with ERR_LTI_LTI1P1_SIGNATURE_MISMATCH`, async () => {
    const harness = await createMigrationHarness();
    const { response } = await launchWithLti1p1(harness, async (payload) => ({ oauth_consumer_key: CONSUMER_KEY, oauth_consumer_key_sign: await sign(payload) }));
    await assertLaunched(response);

    const { lti1p1 } = harness.lastLaunch();
    assert.equal(lti1p1?.status === 'refused' ? lti1p1.code : lti1p1?.status, 'ERR_LTI_LTI1P1_SIGNATURE_MISMATCH');
    assert.equal((await harness.stores.lti11.getCredential(CONSUMER_KEY))?.lti13, undefined);
  });
}
