// MIG-004 (lti11.md §5) · "no key matched": the claim is signed, but with a consumer key the tool
// holds no credential for. The launch is accepted; the migration is refused with
// ERR_LTI_LTI1P1_NO_KEY_MATCHED and the tool's own credential stays unlinked.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { signLti1p1 } from 'ltikit/messages';
import { LTI_CLAIM } from 'ltikit/vocab';
import { assertLaunched } from '../../support/assertions.js';
import { CONSUMER_KEY, SECRET, createMigrationHarness, launchWithLti1p1 } from '../../support/lti1p1_harness.js';

it('MIG-004 no key matched: launch accepted, migration refused with ERR_LTI_LTI1P1_NO_KEY_MATCHED', async () => {
  const harness = await createMigrationHarness();
  const { response } = await launchWithLti1p1(harness, async (payload) => ({
    oauth_consumer_key: 'ck-never-issued',
    oauth_consumer_key_sign: await signLti1p1(
      {
        consumerKey: 'ck-never-issued',
        deploymentId: payload[LTI_CLAIM.deploymentId] as string,
        issuer: payload.iss as string,
        clientId: payload.aud as string,
        exp: payload.exp as number,
        nonce: payload.nonce as string,
      },
      SECRET,
    ),
  }));
  await assertLaunched(response);

  const { lti1p1 } = harness.lastLaunch();
  assert.equal(lti1p1?.status === 'refused' ? lti1p1.code : lti1p1?.status, 'ERR_LTI_LTI1P1_NO_KEY_MATCHED');
  assert.equal((await harness.stores.lti11.getCredential(CONSUMER_KEY))?.lti13, undefined);
});
