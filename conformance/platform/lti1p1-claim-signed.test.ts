// MIG-001..003 (lti11.md §5) · accept: a tool registered with the LTI 1.1 consumer key it used
// before gets the `lti1p1` claim on its launches: the key, a sign a tool holding the 1.1 secret
// recomputes from the same id_token's deployment, `iss`, `aud`, `exp` and `nonce`, and the 1.1 user
// id where it differs from `sub`.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { decodeJwt } from 'jose';
import { signLti1p1 } from 'ltikit/messages';
import { LTI_CLAIM } from 'ltikit/vocab';
import { createPlatformHarness, launchRequest, parseForm, TOOL_CLIENT_ID, TOOL_NONCE } from '../support/platform_harness.js';

const CONSUMER_KEY = '179248902';
const SECRET = 'my-lti11-secret';

it('MIG-001 the id_token carries lti1p1 with a sign over its own values, and the differing 1.1 user id', async () => {
  const harness = await createPlatformHarness({ tool: { lti11ConsumerKey: CONSUMER_KEY } });
  await harness.stores.lti11.saveCredential({ consumerKey: CONSUMER_KEY, secret: SECRET, createdAt: harness.clock.now() });
  const initiation = await harness.createLaunch(launchRequest('learner', { lti1p1: { userId: '34212' } }));
  const idToken = parseForm(await (await harness.authorize(harness.authenticationRequest(initiation))).text())?.fields.id_token;
  assert.ok(idToken);

  const payload = decodeJwt(idToken);
  assert.equal(payload.aud, TOOL_CLIENT_ID);
  assert.equal(payload.nonce, TOOL_NONCE);
  const expected = await signLti1p1(
    {
      consumerKey: CONSUMER_KEY,
      deploymentId: payload[LTI_CLAIM.deploymentId] as string,
      issuer: payload.iss as string,
      clientId: TOOL_CLIENT_ID,
      exp: payload.exp as number,
      nonce: TOOL_NONCE,
    },
    SECRET,
  );
  assert.deepEqual(payload[LTI_CLAIM.lti1p1], { user_id: '34212', oauth_consumer_key: CONSUMER_KEY, oauth_consumer_key_sign: expected });
});
