// MIG-004 (lti11.md §5) · "sign missing": the `lti1p1` claim names a consumer key without
// `oauth_consumer_key_sign`. The 1.3 launch is still accepted; the migration is refused with
// ERR_LTI_LTI1P1_SIGN_MISSING and nothing is linked.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertLaunched } from '../../support/assertions.js';
import { CONSUMER_KEY, LEGACY_USER_ID, createMigrationHarness, launchWithLti1p1 } from '../../support/lti1p1_harness.js';

it('MIG-004 sign missing: launch accepted, migration refused with ERR_LTI_LTI1P1_SIGN_MISSING', async () => {
  const harness = await createMigrationHarness();
  const { response } = await launchWithLti1p1(harness, async () => ({ user_id: LEGACY_USER_ID, oauth_consumer_key: CONSUMER_KEY }));
  await assertLaunched(response);

  const { lti1p1 } = harness.lastLaunch();
  assert.equal(lti1p1?.status, 'refused');
  assert.equal(lti1p1.status === 'refused' ? lti1p1.code : undefined, 'ERR_LTI_LTI1P1_SIGN_MISSING');
  assert.equal((await harness.stores.lti11.getCredential(CONSUMER_KEY))?.lti13, undefined, 'nothing is linked');
});
