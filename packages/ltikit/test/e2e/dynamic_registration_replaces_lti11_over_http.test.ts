// Dynamic Registration that replaces an LTI 1.1 tool (DR-050, MIG-008), over real HTTP on
// 127.0.0.1, both sides ltikit. The platform's course link belongs to a 1.1 tool (key K, a reserved
// 1.3 client id); the learner's 1.1 launch sends a Basic Outcomes grade. The administrator then
// creates a registration token "replacing K" and opens the tool's registration URL: the tool
// registers itself and is told the reserved client id and deployment, and stores them. While the
// registration waits for review the link keeps launching in 1.1; once approved, the same link
// launches in 1.3 with a `lti1p1` claim the tool verifies, and AGS shows the line item the 1.1 grade
// went to, with that grade. Then the refusals: a token for a tool upgraded already, and a token
// made earlier but used after the upgrade — refused by the platform, nothing stored on either side.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../../src/lib/clock.js';
import { type LtiPlatform, createPlatform, lti11LaunchResponse } from '../../src/platform/index.js';
import { createMemoryStores } from '../../src/stores/memory.js';
import type { Lti11Credential, StoredLineItem } from '../../src/stores/types.js';
import { type Lti1p1Migration, type LtiTool, createTool } from '../../src/tool/index.js';
import { AGS_CLAIM } from '../../src/vocab/claims.js';
import { CONTEXT_ROLE } from '../../src/vocab/roles.js';
import { SCOPE } from '../../src/vocab/scopes.js';
import { rejectsLtiError } from '../support/assert_lti_error.js';
import { TestBrowser } from '../support/browser.js';
import { type ServerPair, servePair } from '../support/serve.js';

const COURSE = 'course-7';
const LINK = 'rl-fractions';
const LEARNER = 'learner-ada';

interface Lti13Answer {
  version: '1.3';
  lti1p1: Lti1p1Migration | null;
  lineItemUrl: string | null;
  clientId: string;
  deploymentId: string;
}

/** The code an error page of the tool names. */
function codeOf(html: string): string | undefined {
  return /[Cc]ode[^<]*<code>([A-Z0-9_]+)<\/code>/.exec(html)?.[1];
}

describe('Dynamic Registration replacing an LTI 1.1 tool, over HTTP (DR-050, MIG-008)', () => {
  const clock = fixedClock(Math.floor(Date.now() / 1000));
  let servers: ServerPair;
  const platformStores = createMemoryStores(clock);
  const toolStores = createMemoryStores(clock);
  let platform: LtiPlatform;
  let tool: LtiTool;
  /** The 1.1 tool as the platform registered it. */
  let credential: Lti11Credential;
  let lti11Launches = 0;

  before(async () => {
    servers = await servePair();
    platform = createPlatform({
      issuer: servers.platformServer.origin,
      stores: platformStores,
      clock,
      allowInsecureLoopback: true,
      currentUser: 'message-hint-only',
      ags: { store: platformStores.ags, isMember: (contextId, userId) => contextId === COURSE && userId === LEARNER },
      lti11: {
        resourceLinkAccess: ({ contextId, resourceLinkId }, lti11Tool) => contextId === COURSE && resourceLinkId === LINK && lti11Tool.lti13?.clientId === credential.lti13?.clientId,
        lineItemLabel: () => 'Fractions quiz',
        scoreMaximum: 10,
      },
      serviceContextAccess: (contextId, grant) => contextId === COURSE && grant.clientId === credential.lti13?.clientId,
    });
    tool = createTool({
      baseUrl: `${servers.toolServer.origin}/lti`,
      stores: toolStores,
      clock,
      allowInsecureLoopback: true,
      registration: { clientName: 'Fractions quiz 1.3', scopes: [SCOPE.lineItem, SCOPE.resultReadonly, SCOPE.score], claims: ['iss', 'sub', 'name'] },
      lti11: {
        onLaunch: async (launch) => {
          lti11Launches += 1;
          await tool.lti11.outcomes.replaceResult(launch, 0.6);
          return Response.json({ version: '1.1' });
        },
      },
      onLaunch: (launch) => {
        const endpoint = launch.claims[AGS_CLAIM.endpoint] as { lineitem?: string } | undefined;
        return Response.json({
          version: '1.3',
          lti1p1: launch.lti1p1 ?? null,
          lineItemUrl: endpoint?.lineitem ?? null,
          clientId: launch.clientId,
          deploymentId: launch.deploymentId,
        } satisfies Lti13Answer);
      },
    });
    servers.route({
      // The LMS's page of the link: 1.1 until an active 1.3 registration holds the reserved client id.
      platform: async (request) => {
        const url = new URL(request.url);
        if (url.pathname !== `/courses/${COURSE}/links/${LINK}`) return platform.fetch(request);
        const { clientId, deploymentIds } = credential.lti13!;
        const lti13 = await platformStores.tools.getTool(clientId);
        const context = { id: COURSE, title: 'Fractions' };
        const resourceLink = { id: LINK, title: 'Fractions quiz' };
        if (lti13 === undefined || lti13.status === 'pending') {
          const launch = await platform.createLti11Launch({ consumerKey: credential.consumerKey, user: { id: LEARNER }, roles: [CONTEXT_ROLE.Learner], context, resourceLink, outcome: true });
          return lti11LaunchResponse(launch);
        }
        const { loginUrl } = await platform.createLaunch({ clientId, deploymentId: deploymentIds![0]!, user: { id: LEARNER }, roles: [CONTEXT_ROLE.Learner], context, resourceLink });
        return Response.redirect(loginUrl, 302);
      },
      tool: tool.fetch,
    });
  });

  after(() => servers?.close());

  async function openLink(): Promise<Record<string, unknown>> {
    const { response } = await new TestBrowser().launch(`${servers.platformServer.origin}/courses/${COURSE}/links/${LINK}`);
    assert.equal(response.status, 200, await response.clone().text());
    return (await response.json()) as Record<string, unknown>;
  }

  async function lineItemsOfLink(): Promise<StoredLineItem[]> {
    return platformStores.ags.listLineItems({ contextId: COURSE, clientId: credential.lti13!.clientId, resourceLinkId: LINK, limit: 10 });
  }

  /** The administrator's side of "Add a tool by its registration URL", replacing the 1.1 tool. */
  async function startReplacingRegistration(): Promise<{ url: string; clientId: string | undefined }> {
    const { token, replaces } = await platform.createRegistrationToken({ requestedBy: 'admin-1', replaces: { consumerKey: credential.consumerKey } });
    return { url: platform.registrationInitiationUrl(tool.config.registrationUrl, token), clientId: replaces?.clientId };
  }

  let leftOver: string;

  it('a. 1.1: the learner launches the link and the tool’s 0.6 lands on the link’s line item, under the reserved client id', async () => {
    credential = await platform.lti11.registerTool({ name: 'Fractions quiz', launchUrl: tool.config.lti11.launchUrl });
    await toolStores.lti11.saveCredential({ consumerKey: credential.consumerKey, secret: credential.secret, name: 'Example LMS', createdAt: clock.now() });
    assert.deepEqual(await openLink(), { version: '1.1' });
    const [lineItem, ...others] = await lineItemsOfLink();
    assert.deepEqual(others, []);
    assert.deepEqual((await platformStores.ags.scoreHistory(lineItem!.id, LEARNER)).map((score) => score.scoreGiven), [6]);
  });

  it('b. the tool registers dynamically as the 1.3 version of key K: it is told the reserved client id and deployment, and waits for review', async () => {
    const started = await startReplacingRegistration();
    assert.equal(started.clientId, credential.lti13!.clientId);
    // A second token, made now and used once the tool is upgraded (case e).
    leftOver = (await startReplacingRegistration()).url;

    const page = await fetch(started.url, { headers: { accept: 'text/html' } });
    assert.equal(page.status, 200, await page.clone().text());
    assert.match(await page.text(), /org\.imsglobal\.lti\.close/);

    const [stored, ...more] = await toolStores.platforms.findPlatforms(platform.config.issuer);
    assert.deepEqual(more, []);
    assert.equal(stored?.clientId, credential.lti13!.clientId);
    assert.deepEqual(stored?.deploymentIds, credential.lti13!.deploymentIds);
    const registered = await platformStores.tools.getTool(credential.lti13!.clientId);
    assert.equal(registered?.status, 'pending');
    assert.equal(registered?.lti11ConsumerKey, credential.consumerKey);
    assert.equal(registered?.name, 'Fractions quiz 1.3');
    assert.deepEqual(registered?.deploymentIds, credential.lti13!.deploymentIds);
  });

  it('c. while the registration waits for review, the link still launches in 1.1', async () => {
    const before = lti11Launches;
    assert.deepEqual(await openLink(), { version: '1.1' });
    assert.equal(lti11Launches, before + 1);
  });

  it('d. approved, the same link launches in 1.3 with a verified lti1p1 claim, and AGS sees the line item and the grade of 1.1', async () => {
    const { clientId, deploymentIds } = credential.lti13!;
    await platform.approveRegistration(clientId);
    const answer = (await openLink()) as unknown as Lti13Answer;
    assert.equal(answer.version, '1.3');
    assert.equal(answer.clientId, clientId);
    assert.equal(answer.deploymentId, deploymentIds![0]);
    assert.deepEqual(answer.lti1p1, { status: 'verified', consumerKey: credential.consumerKey, userId: LEARNER, contextId: COURSE, resourceLinkId: LINK });
    // MIG-005: the tool linked its 1.1 credential to this registration.
    assert.deepEqual((await toolStores.lti11.getCredential(credential.consumerKey))?.lti13, { issuer: platform.config.issuer, clientId, deploymentIds: [deploymentIds![0]!] });

    const [lineItem] = await lineItemsOfLink();
    assert.equal(answer.lineItemUrl?.split('/').at(-1), lineItem?.id, 'the launch names the 1.1 line item (AGS-002)');
    const target = { issuer: platform.config.issuer, clientId, deploymentId: deploymentIds![0]! };
    const results = await tool.ags.listResults(target, answer.lineItemUrl!);
    assert.deepEqual(
      results.map((result) => [result.userId, result.resultScore, result.resultMaximum]),
      [[LEARNER, 6, 10]],
    );
    clock.advance(60);
    await tool.ags.submitScore(target, answer.lineItemUrl!, {
      userId: LEARNER,
      scoreGiven: 9,
      scoreMaximum: 10,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
      timestamp: new Date(clock.now() * 1000).toISOString(),
    });
    // The two 1.1 grades (cases a and c), then the 1.3 score: one history.
    assert.deepEqual((await platformStores.ags.scoreHistory(lineItem!.id, LEARNER)).map((score) => score.scoreGiven), [6, 6, 9]);
    assert.equal((await lineItemsOfLink()).length, 1, 'still one line item for the link');
  });

  it('e. a token for the tool upgraded already is refused; one made earlier is refused by the registration endpoint, nothing stored', async () => {
    await rejectsLtiError(platform.createRegistrationToken({ replaces: { consumerKey: credential.consumerKey } }), 'ERR_LTI_DR_REPLACED_CLIENT_ID_TAKEN');
    const platformTools = await platformStores.tools.listTools();
    const page = await fetch(leftOver, { headers: { accept: 'text/html' } });
    const html = await page.text();
    assert.equal(codeOf(html), 'ERR_LTI_DR_REGISTRATION_REFUSED');
    assert.match(html, /<code>409<\/code> <code>access_denied<\/code>/);
    assert.deepEqual(await platformStores.tools.listTools(), platformTools);
    assert.equal((await toolStores.platforms.findPlatforms(platform.config.issuer)).length, 1);
    assert.equal((await platformStores.tools.getTool(credential.lti13!.clientId))?.status, 'active');
  });
});
