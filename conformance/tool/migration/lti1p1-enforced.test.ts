// MIG-004 (lti11.md §5) · a tool configured with `lti1p1Migration: 'enforce'` refuses the launch
// itself when its `lti1p1` claim fails a check: 4xx, JSON `{ code }` naming the check, no stack trace.
import { it } from 'node:test';
import { assertLaunched, assertRejectedWith } from '../../support/assertions.js';
import { CONSUMER_KEY, createMigrationHarness, launchWithLti1p1, signFor } from '../../support/lti1p1_harness.js';

it('MIG-004 enforced: a claim with another secret’s sign refuses the launch with ERR_LTI_LTI1P1_SIGNATURE_MISMATCH', async () => {
  const harness = await createMigrationHarness({ tool: { lti1p1Migration: 'enforce' } });
  const { response } = await launchWithLti1p1(harness, async (payload) => ({
    oauth_consumer_key: CONSUMER_KEY,
    oauth_consumer_key_sign: await signFor(payload, { secret: 'not-the-1.1-secret' }),
  }));
  await assertRejectedWith(response, 'ERR_LTI_LTI1P1_SIGNATURE_MISMATCH');
});

it('MIG-004 enforced: a correctly signed claim still launches', async () => {
  const harness = await createMigrationHarness({ tool: { lti1p1Migration: 'enforce' } });
  const { response } = await launchWithLti1p1(harness, async (payload) => ({ oauth_consumer_key: CONSUMER_KEY, oauth_consumer_key_sign: await signFor(payload) }));
  await assertLaunched(response);
});
