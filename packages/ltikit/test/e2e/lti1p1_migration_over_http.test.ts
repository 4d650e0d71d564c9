// End to end over real HTTP on 127.0.0.1: LTI 1.1 → 1.3 migration (lti11.md §5). Our platform,
// holding the tool's 1.1 consumer key and secret, launches our tool with the signed `lti1p1` claim
// (MIG-001..003); the tool, holding the same credential, verifies it, reports the legacy ids and links
// its 1.1 credential to the platform's 1.3 registration (MIG-004, MIG-005).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { fixedClock } from '../../src/lib/clock.js';
import { createMemoryStores } from '../../src/stores/memory.js';
import { createPlatform, type LtiPlatform } from '../../src/platform/index.js';
import { createTool } from '../../src/tool/index.js';
import { LTI_CLAIM } from '../../src/vocab/claims.js';
import { CONTEXT_ROLE } from '../../src/vocab/roles.js';
import { TestBrowser, lmsSessionUser } from '../support/browser.js';
import { type ServerPair, servePair, type TestServer } from '../support/serve.js';

const CLIENT_ID = 'tool-client-1';
const DEPLOYMENT_ID = 'deployment-1';
const CONSUMER_KEY = 'ck-2014-quiz';
const SECRET = 'shared-1.1-secret';

describe('LTI 1.1 → 1.3 migration over HTTP', () => {
  const clock = fixedClock(Math.floor(Date.now() / 1000));
  let servers: ServerPair;
  let platformServer: TestServer;
  let platform: LtiPlatform;
  const toolStores = createMemoryStores(clock);

  before(async () => {
    servers = await servePair();
    platformServer = servers.platformServer;
    const { toolServer } = servers;
    const platformStores = createMemoryStores(clock);
    platform = createPlatform({
      issuer: platformServer.origin,
      stores: platformStores,
      allowInsecureLoopback: true,
      clock,
      currentUser: lmsSessionUser,
    });
    // The platform: the tool's old key and secret, and its 1.3 registration continuing that key.
    await platformStores.lti11.saveCredential({ consumerKey: CONSUMER_KEY, secret: SECRET, name: 'Quiz tool', createdAt: clock.now() });
    await platform.registerTool({
      clientId: CLIENT_ID,
      name: 'Quiz tool',
      deploymentIds: [DEPLOYMENT_ID],
      initiateLoginUri: `${toolServer.origin}/lti/login`,
      redirectUris: [`${toolServer.origin}/lti/launch`],
      lti11ConsumerKey: CONSUMER_KEY,
    });
    // The tool: the same key and secret, from its 1.1 days, and the new 1.3 registration.
    await toolStores.lti11.saveCredential({ consumerKey: CONSUMER_KEY, secret: SECRET, name: 'Example LMS', createdAt: clock.now() });
    await toolStores.platforms.savePlatform({
      issuer: platformServer.origin,
      clientId: CLIENT_ID,
      deploymentIds: [DEPLOYMENT_ID],
      authorizationEndpoint: platform.config.authorizationEndpoint,
      jwksUri: platform.config.jwksUri,
    });
    const tool = createTool({
      baseUrl: `${toolServer.origin}/lti`,
      stores: toolStores,
      allowInsecureLoopback: true,
      clock,
      onLaunch: (launch) => Response.json({ userId: launch.userId, lti1p1: launch.lti1p1 ?? null }),
    });
    servers.route({ platform: platform.fetch, tool: tool.fetch });
  });

  after(() => servers?.close());

  async function launch(userId: string, lti1p1?: { userId?: string; contextId?: string; resourceLinkId?: string }) {
    const initiation = await platform.createLaunch({
      clientId: CLIENT_ID,
      deploymentId: DEPLOYMENT_ID,
      user: { id: userId },
      roles: [CONTEXT_ROLE.Learner],
      context: { id: 'ctx-991' },
      resourceLink: { id: 'rl-5c8e' },
      ...(lti1p1 === undefined ? {} : { lti1p1 }),
    });
    const { response, form } = await new TestBrowser().signIn(platformServer.origin, userId).launch(initiation.loginUrl);
    assert.equal(response.status, 200, await response.clone().text());
    return { body: (await response.json()) as { userId: string; lti1p1: Record<string, unknown> | null }, claims: decodeJwt(form.fields.id_token!) };
  }

  it('verifies the claim, reports the legacy user id and links the 1.1 credential to the 1.3 registration', async () => {
    const { body, claims } = await launch('a3f0c2e1', { userId: '34212', resourceLinkId: 'rl-5c8e' });
    assert.deepEqual(claims[LTI_CLAIM.lti1p1], {
      user_id: '34212',
      oauth_consumer_key: CONSUMER_KEY,
      oauth_consumer_key_sign: (claims[LTI_CLAIM.lti1p1] as { oauth_consumer_key_sign: string }).oauth_consumer_key_sign,
    });
    assert.equal(body.userId, 'a3f0c2e1');
    assert.deepEqual(body.lti1p1, { status: 'verified', consumerKey: CONSUMER_KEY, userId: '34212', contextId: 'ctx-991', resourceLinkId: 'rl-5c8e' });
    assert.deepEqual((await toolStores.lti11.getCredential(CONSUMER_KEY))?.lti13, { issuer: platformServer.origin, clientId: CLIENT_ID, deploymentIds: [DEPLOYMENT_ID] });
  });

  it('keeps sending and verifying the claim on later launches, for users whose ids did not change (MIG-002, MIG-003)', async () => {
    const { body } = await launch('34213');
    assert.deepEqual(body.lti1p1, { status: 'verified', consumerKey: CONSUMER_KEY, userId: '34213', contextId: 'ctx-991', resourceLinkId: 'rl-5c8e' });
  });

  it('still launches, reporting the refusal, when the tool’s secret for the key differs', async () => {
    await toolStores.lti11.saveCredential({ ...(await toolStores.lti11.getCredential(CONSUMER_KEY))!, secret: 'rotated-on-the-tool-only' });
    const { body } = await launch('a3f0c2e1', { userId: '34212' });
    assert.equal(body.userId, 'a3f0c2e1');
    assert.equal(body.lti1p1?.status, 'refused');
    assert.equal(body.lti1p1?.code, 'ERR_LTI_LTI1P1_SIGNATURE_MISMATCH');
    assert.equal('userId' in (body.lti1p1 ?? {}), false, 'unverified legacy ids are not reported');
  });
});
