// MIG-005 (lti11.md §5) · "key linked to another platform": the claim is correctly signed, but the
// tool's credential for that key was already linked to another issuer's registration. The launch is
// accepted; the migration is refused with ERR_LTI_LTI1P1_KEY_LINKED_ELSEWHERE and the link kept.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertLaunched } from '../../support/assertions.js';
import { CONSUMER_KEY, createMigrationHarness, launchWithLti1p1, signFor } from '../../support/lti1p1_harness.js';
import { CLIENT_ID } from '../../support/tool_harness.js';

it('MIG-005 key linked to another platform: launch accepted, migration refused with ERR_LTI_LTI1P1_KEY_LINKED_ELSEWHERE', async () => {
  const earlierLink = { issuer: 'https://lms.other-district.org', clientId: CLIENT_ID, deploymentIds: ['dep-7'] };
  const harness = await createMigrationHarness({ credential: { lti13: earlierLink } });
  const { response } = await launchWithLti1p1(harness, async (payload) => ({ oauth_consumer_key: CONSUMER_KEY, oauth_consumer_key_sign: await signFor(payload) }));
  await assertLaunched(response);

  const { lti1p1 } = harness.lastLaunch();
  assert.equal(lti1p1?.status === 'refused' ? lti1p1.code : lti1p1?.status, 'ERR_LTI_LTI1P1_KEY_LINKED_ELSEWHERE');
  assert.deepEqual((await harness.stores.lti11.getCredential(CONSUMER_KEY))?.lti13, earlierLink);
});
