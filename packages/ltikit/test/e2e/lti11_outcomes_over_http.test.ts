// LTI 1.1 end to end over real HTTP on 127.0.0.1: our platform serves the auto-submitting launch
// form, a browser posts it to a tool that verifies the OAuth 1.0a signature (L11-001, OA-004); the
// tool then calls the Basic Outcomes URL it was given with signed POX requests — replace, read,
// delete — and the grade lands in the AGS store the gradebook reads. Every refusal is checked on
// the wire: bad signature, changed body, replayed nonce, DTD/XXE, oversized body, out-of-range
// score, unknown operation, another tool's link and a non-member.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../../src/lib/clock.js';
import { signOAuth1Request, verifyOAuth1Request } from '../../src/lib/oauth1_request.js';
import { formatOAuthAuthorizationHeader } from '../../src/lib/oauth1_signature.js';
import { type OutcomeRequestInput, type OutcomeResponse, buildOutcomeRequest, parseOutcomeResponse } from '../../src/messages/basic_outcomes.js';
import { createPlatform, type LtiPlatform, lti11LaunchResponse } from '../../src/platform/index.js';
import { createMemoryStores } from '../../src/stores/memory.js';
import type { Lti11Credential } from '../../src/stores/types.js';
import { CONTEXT_ROLE } from '../../src/vocab/roles.js';
import { parseForm } from '../support/browser.js';
import { codeMinorOf } from '../support/lti11_platform.js';
import { type ServerPair, servePair } from '../support/serve.js';

const COURSE = 'course-42';
const LINKS = new Map([
  ['rl-quiz', 'tool-a'],
  ['rl-other', 'tool-b'],
]);
const MEMBERS = new Set(['learner-1', 'teacher-1']);

describe('LTI 1.1 launch and Basic Outcomes over HTTP', () => {
  const clock = fixedClock(Math.floor(Date.now() / 1000));
  const platformStores = createMemoryStores(clock);
  const toolStores = createMemoryStores(clock);
  let servers: ServerPair;
  let platform: LtiPlatform;
  let toolA: Lti11Credential;
  let toolB: Lti11Credential;
  /** What the tool received and verified at its launch URL. */
  const launches: Array<Map<string, string>> = [];

  before(async () => {
    servers = await servePair();
    const { platformServer, toolServer } = servers;
    platform = createPlatform({
      issuer: platformServer.origin,
      stores: platformStores,
      clock,
      allowInsecureLoopback: true,
      currentUser: 'message-hint-only',
      product: { name: 'Test LMS', productFamilyCode: 'ltikit-test', version: '1' },
      ags: { store: platformStores.ags, isMember: (contextId, userId) => contextId === COURSE && MEMBERS.has(userId) },
      lti11: { resourceLinkAccess: ({ contextId, resourceLinkId }, tool) => contextId === COURSE && LINKS.get(resourceLinkId) === tool.lti13?.clientId, maxBodyBytes: 8192 },
    });
    toolA = await platform.lti11.registerTool({ name: 'Quiz A', launchUrl: `${toolServer.origin}/lti11/launch`, clientId: 'tool-a', claims: ['name'] });
    toolB = await platform.lti11.registerTool({ name: 'Quiz B', launchUrl: `${toolServer.origin}/lti11/launch`, clientId: 'tool-b' });
    servers.route({
      // The LMS page of a link: the signed form, outcomes for learners (L11-005).
      platform: async (request) => {
        const url = new URL(request.url);
        const match = /^\/courses\/[^/]+\/links\/([^/]+)\/launch$/.exec(url.pathname);
        if (match === null) return platform.fetch(request);
        const userId = url.searchParams.get('user') ?? 'learner-1';
        const learner = userId.startsWith('learner');
        return lti11LaunchResponse(
          await platform.createLti11Launch({
            consumerKey: toolA.consumerKey,
            user: { id: userId, name: 'Ada Lovelace' },
            roles: [learner ? CONTEXT_ROLE.Learner : CONTEXT_ROLE.Instructor],
            context: { id: COURSE, title: 'Course 42' },
            resourceLink: { id: match[1]!, title: 'Quiz' },
            outcome: learner,
          }),
        );
      },
      // The tool's launch URL verifies the form as it arrived (OA-004: the URL it was posted to).
      tool: async (request) => {
        const form = [...new URLSearchParams(await request.text())];
        await verifyOAuth1Request({
          method: request.method,
          url: request.url,
          parameters: form,
          secretFor: async (key) => (key === toolA.consumerKey ? toolA.secret : undefined),
          singleUse: toolStores.singleUse,
          clock,
        });
        launches.push(new Map(form));
        return new Response('launched');
      },
    });
  });
  after(() => servers?.close());

  /** A browser opening the link's launch page and submitting its form. */
  async function launch(linkId: string, user = 'learner-1'): Promise<Map<string, string>> {
    const page = await fetch(`${servers.platformServer.origin}/courses/${COURSE}/links/${linkId}/launch?user=${user}`);
    assert.equal(page.status, 200);
    const form = parseForm(await page.text());
    const posted = await fetch(form.action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form.fields).toString() });
    assert.equal(posted.status, 200, await posted.clone().text());
    assert.equal(await posted.text(), 'launched');
    return launches.at(-1)!;
  }

  let nonce = 0;
  /** The tool's Basic Outcomes call (BO-001, BO-002): POX body, Authorization: OAuth with oauth_body_hash. */
  async function post(url: string, xml: string, options: { credential?: Lti11Credential; signedBody?: string; nonce?: string } = {}): Promise<Response> {
    const credential = options.credential ?? toolA;
    nonce += 1;
    const oauth = await signOAuth1Request({
      method: 'POST',
      url,
      parameters: [],
      consumerKey: credential.consumerKey,
      consumerSecret: credential.secret,
      timestamp: clock.now(),
      nonce: options.nonce ?? `e2e-${nonce}`,
      body: options.signedBody ?? xml,
    });
    return fetch(url, { method: 'POST', headers: { 'content-type': 'application/xml', authorization: formatOAuthAuthorizationHeader(oauth) }, body: xml });
  }
  async function outcome(url: string, input: Omit<OutcomeRequestInput, 'messageIdentifier'>, credential?: Lti11Credential): Promise<OutcomeResponse & { status: number; code: string | undefined }> {
    const response = await post(url, buildOutcomeRequest({ messageIdentifier: `m-${nonce + 1}`, ...input }), credential === undefined ? {} : { credential });
    const text = await response.text();
    return { ...parseOutcomeResponse(text), status: response.status, code: codeMinorOf(text) };
  }

  let serviceUrl: string;
  let sourcedId: string;

  it('launches: the tool verifies the signed form, with 1.1 roles and outcomes for a learner', async () => {
    const fields = await launch('rl-quiz');
    assert.equal(fields.get('lti_message_type'), 'basic-lti-launch-request');
    assert.equal(fields.get('roles'), 'urn:lti:role:ims/lis/Learner');
    assert.equal(fields.get('lis_person_name_full'), 'Ada Lovelace');
    assert.equal(fields.get('oauth_callback'), 'about:blank');
    serviceUrl = fields.get('lis_outcome_service_url')!;
    sourcedId = fields.get('lis_result_sourcedid')!;
    assert.equal(serviceUrl, `${servers.platformServer.origin}/lti/lti11/outcomes`);
    assert.ok(sourcedId);
    const teacher = await launch('rl-quiz', 'teacher-1');
    assert.equal(teacher.has('lis_outcome_service_url'), false);
    assert.equal(teacher.has('lis_result_sourcedid'), false);
  });

  it('replaceResult, readResult and deleteResult round-trip into the AGS store', async () => {
    const replaced = await outcome(serviceUrl, { operation: 'replaceResult', sourcedId, score: 0.85 });
    assert.deepEqual([replaced.status, replaced.codeMajor, replaced.operationRefIdentifier], [200, 'success', 'replaceResult']);
    const [column] = await platformStores.ags.readGradebook(COURSE);
    assert.equal(column?.lineItem.clientId, 'tool-a');
    assert.equal(column?.lineItem.resourceLinkId, 'rl-quiz');
    assert.deepEqual(column?.latestScores.map((score) => [score.userId, score.scoreGiven, score.gradingProgress]), [['learner-1', 0.85, 'FullyGraded']]);
    const read = await outcome(serviceUrl, { operation: 'readResult', sourcedId });
    assert.deepEqual([read.codeMajor, read.score], ['success', 0.85]);
    const deleted = await outcome(serviceUrl, { operation: 'deleteResult', sourcedId });
    assert.equal(deleted.codeMajor, 'success');
    assert.equal((await outcome(serviceUrl, { operation: 'readResult', sourcedId })).score, null);
    assert.equal((await platformStores.ags.scoreHistory(column!.lineItem.id, 'learner-1')).length, 2);
  });

  it('refuses a bad signature, a changed body and a replayed nonce with 401 and a POX failure', async () => {
    const xml = buildOutcomeRequest({ messageIdentifier: 'm-auth', operation: 'replaceResult', sourcedId, score: 1 });
    const badSignature = await post(serviceUrl, xml, { credential: { ...toolA, secret: 'not-the-secret' } });
    assert.equal(badSignature.status, 401);
    const badText = await badSignature.text();
    assert.equal(parseOutcomeResponse(badText).codeMajor, 'failure');
    assert.equal(codeMinorOf(badText), 'ERR_LTI11_SIGNATURE_INVALID');
    const changed = await post(serviceUrl, xml, { signedBody: xml.replace('>1<', '>0<') });
    assert.equal(changed.status, 401);
    assert.equal(codeMinorOf(await changed.text()), 'ERR_LTI11_BODY_HASH_MISMATCH');
    const read = buildOutcomeRequest({ messageIdentifier: 'm-read', operation: 'readResult', sourcedId });
    assert.equal((await post(serviceUrl, read, { nonce: 'replayed' })).status, 200);
    const replay = await post(serviceUrl, read, { nonce: 'replayed' });
    assert.equal(replay.status, 401);
    assert.equal(codeMinorOf(await replay.text()), 'ERR_LTI11_NONCE_REPLAYED');
  });

  it('refuses a DTD/XXE body unread and an oversized body with 413', async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><imsx_POXEnvelopeRequest xmlns="http://www.imsglobal.org/services/ltiv1p1/xsd/imsoms_v1p0"><imsx_POXHeader><imsx_POXRequestHeaderInfo><imsx_messageIdentifier>&xxe;</imsx_messageIdentifier></imsx_POXRequestHeaderInfo></imsx_POXHeader></imsx_POXEnvelopeRequest>`;
    const dtd = await post(serviceUrl, xxe);
    assert.equal(dtd.status, 200);
    const dtdText = await dtd.text();
    assert.equal(parseOutcomeResponse(dtdText).codeMajor, 'failure');
    assert.equal(codeMinorOf(dtdText), 'ERR_LTI11_XML_DTD_REFUSED');
    assert.doesNotMatch(dtdText, /root:/);
    const big = buildOutcomeRequest({ messageIdentifier: 'x'.repeat(9000), operation: 'readResult', sourcedId });
    const tooLarge = await post(serviceUrl, big);
    assert.equal(tooLarge.status, 413);
    assert.equal(codeMinorOf(await tooLarge.text()), 'ERR_LTI_REQUEST_TOO_LARGE');
  });

  it('answers a score of 1.5 with failure and an unknown operation with unsupported', async () => {
    const template = buildOutcomeRequest({ messageIdentifier: 'm-score', operation: 'replaceResult', sourcedId, score: 0.5 });
    const response = await post(serviceUrl, template.replace('>0.5<', '>1.5<'));
    assert.equal(response.status, 200);
    const text = await response.text();
    assert.deepEqual([parseOutcomeResponse(text).codeMajor, parseOutcomeResponse(text).messageRefIdentifier, codeMinorOf(text)], ['failure', 'm-score', 'ERR_LTI11_OUTCOME_SCORE_INVALID']);
    const unknown = await post(serviceUrl, template.replace(/replaceResultRequest/g, 'replaceResultsRequest'));
    assert.equal(unknown.status, 200);
    assert.equal(parseOutcomeResponse(await unknown.text()).codeMajor, 'unsupported');
    assert.equal((await outcome(serviceUrl, { operation: 'readResult', sourcedId })).score, null, 'nothing written');
  });

  it('refuses another tool\u2019s link and a non-member, writing nothing', async () => {
    const before = JSON.stringify(await platformStores.ags.readGradebook(COURSE));
    const otherLink = sourcedId.replace('rl-quiz', 'rl-other');
    const asA = await outcome(serviceUrl, { operation: 'replaceResult', sourcedId: otherLink, score: 1 });
    assert.deepEqual([asA.status, asA.codeMajor, asA.code], [200, 'failure', 'ERR_LTI11_OUTCOME_FORBIDDEN']);
    // Tool A's own link, for someone who is not a member of the course.
    const stranger = await outcome(serviceUrl, { operation: 'replaceResult', sourcedId: sourcedId.replace('learner-1', 'visitor-9'), score: 1 });
    assert.deepEqual([stranger.codeMajor, stranger.code], ['failure', 'ERR_LTI11_OUTCOME_FORBIDDEN']);
    // Tool B with its own signature cannot grade tool A's link either.
    const asB = await outcome(serviceUrl, { operation: 'replaceResult', sourcedId, score: 1 }, toolB);
    assert.deepEqual([asB.codeMajor, asB.code], ['failure', 'ERR_LTI11_OUTCOME_FORBIDDEN']);
    assert.equal(JSON.stringify(await platformStores.ags.readGradebook(COURSE)), before);
  });
});
