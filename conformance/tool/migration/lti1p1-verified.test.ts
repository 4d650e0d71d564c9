// MIG-004, MIG-005 (lti11.md §5) · accept: a launch whose `lti1p1` claim is signed with the 1.1 secret
// the tool holds is verified; the launch reports the consumer key and the 1.1 user id, and the tool's
// credential is linked to the platform's 1.3 registration and deployment.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertLaunched } from '../../support/assertions.js';
import { CONSUMER_KEY, LEGACY_USER_ID, createMigrationHarness, launchWithLti1p1, signFor } from '../../support/lti1p1_harness.js';
import { CLIENT_ID, DEPLOYMENT_ID, ISSUER, STUDENT_SUB } from '../../support/tool_harness.js';

it('MIG-004 a correctly signed lti1p1 claim is verified and the 1.1 key linked to the 1.3 registration', async () => {
  const harness = await createMigrationHarness();
  const { response } = await launchWithLti1p1(harness, async (payload) => ({
    user_id: LEGACY_USER_ID,
    oauth_consumer_key: CONSUMER_KEY,
    oauth_consumer_key_sign: await signFor(payload),
  }));
  await assertLaunched(response);

  const launch = harness.lastLaunch();
  assert.equal(launch.userId, STUDENT_SUB);
  assert.deepEqual(launch.lti1p1, {
    status: 'verified',
    consumerKey: CONSUMER_KEY,
    userId: LEGACY_USER_ID,
    contextId: '8893483',
    resourceLinkId: '3622bed7314b4f9c8f0e533e158ff797',
  });
  assert.deepEqual((await harness.stores.lti11.getCredential(CONSUMER_KEY))?.lti13, { issuer: ISSUER, clientId: CLIENT_ID, deploymentIds: [DEPLOYMENT_ID] });
  assert.equal((await harness.tool.findLinkedLti11Credential({ issuer: ISSUER, clientId: CLIENT_ID, deploymentId: DEPLOYMENT_ID }))?.consumerKey, CONSUMER_KEY);
});
