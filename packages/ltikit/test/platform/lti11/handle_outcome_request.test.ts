// The Basic Outcomes endpoint (lti11.md §3) through platform.fetch: signed requests verified with
// their body hash (BO-003), 401 for authentication failures and 413 for oversized bodies (BO-009),
// POX failures (HTTP 200) for everything logical, unsupported operations (BO-008), scores refused
// out of range (BO-007), sourcedids of other tools' links or of non-members refused with nothing
// written, replace/read/delete on the AGS store the gradebook reads, and Bearer calls of upgraded
// tools (BO-010).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateSigningKey } from '../../../src/keys/generate_signing_key.js';
import { buildOutcomeRequest, parseOutcomeResponse } from '../../../src/messages/basic_outcomes.js';
import { SCOPE } from '../../../src/vocab/scopes.js';
import { COURSE, OUTCOMES_URL, T0, TOOL_A, TOOL_B, codeMinorOf, createLti11Platform, sourcedIdOf } from '../../support/lti11_platform.js';
import { testKeyOf } from '../../support/platform_key.js';
import { registerKeyedTool, serviceTokens } from '../../support/service_platform.js';

describe('Basic Outcomes: replaceResult, readResult, deleteResult on the AGS store (BO-005)', () => {
  it('replaceResult creates the link\u2019s line item under the tool\u2019s reserved client id and stores the score', async () => {
    const world = await createLti11Platform();
    const { status, response } = await world.outcome({ operation: 'replaceResult', sourcedId: sourcedIdOf('rl-a1'), score: 0.79, messageIdentifier: 'msg-77' });
    assert.equal(status, 200);
    assert.equal(response.codeMajor, 'success');
    assert.equal(response.severity, 'status');
    assert.equal(response.messageRefIdentifier, 'msg-77');
    assert.equal(response.operationRefIdentifier, 'replaceResult');
    const [column] = await world.stores.ags.readGradebook(COURSE);
    assert.equal(column?.lineItem.clientId, TOOL_A.clientId);
    assert.equal(column?.lineItem.resourceLinkId, 'rl-a1');
    assert.equal(column?.lineItem.scoreMaximum, 1);
    assert.equal(column?.lineItem.label, 'Quiz A');
    const [score] = column?.latestScores ?? [];
    assert.equal(score?.userId, 'learner-1');
    assert.equal(score?.scoreGiven, 0.79);
    assert.equal(score?.scoreMaximum, 1);
    assert.equal(score?.activityProgress, 'Completed');
    assert.equal(score?.gradingProgress, 'FullyGraded');
    assert.equal(score?.timestamp, '2026-01-01T00:00:00.000000Z');
  });

  it('readResult answers the latest score; two grades in one second are both kept, in order', async () => {
    const world = await createLti11Platform();
    const sourcedId = sourcedIdOf('rl-a1');
    assert.equal((await world.outcome({ operation: 'replaceResult', sourcedId, score: 0.4 })).response.codeMajor, 'success');
    assert.equal((await world.outcome({ operation: 'replaceResult', sourcedId, score: 0.9 })).response.codeMajor, 'success');
    const read = await world.outcome({ operation: 'readResult', sourcedId });
    assert.equal(read.response.codeMajor, 'success');
    assert.equal(read.response.score, 0.9);
    const [column] = await world.stores.ags.readGradebook(COURSE);
    const history = await world.stores.ags.scoreHistory(column!.lineItem.id, 'learner-1');
    assert.deepEqual(history.map((score) => [score.scoreGiven, score.timestamp]), [
      [0.4, '2026-01-01T00:00:00.000000Z'],
      [0.9, '2026-01-01T00:00:00.000001Z'],
    ]);
  });

  it('grades go to a line item the platform already made for the link, on its scale', async () => {
    const world = await createLti11Platform();
    await world.stores.ags.createLineItem({ id: 'li-essay', contextId: COURSE, clientId: TOOL_A.clientId, label: 'Essay', scoreMaximum: 60, resourceLinkId: 'rl-a2', createdAt: world.clock.now() });
    await world.outcome({ operation: 'replaceResult', sourcedId: sourcedIdOf('rl-a2', 'learner-2'), score: 0.5 });
    const [latest] = await world.stores.ags.listLatestScores({ lineItemId: 'li-essay', limit: 10 });
    assert.deepEqual([latest?.userId, latest?.scoreGiven, latest?.scoreMaximum], ['learner-2', 30, 60]);
    assert.equal((await world.stores.ags.readGradebook(COURSE)).length, 1, 'no second line item');
    assert.equal((await world.outcome({ operation: 'readResult', sourcedId: sourcedIdOf('rl-a2', 'learner-2') })).response.score, 0.5);
  });

  it('readResult of a scale-60 score posted by AGS reads as a fraction; extra credit is capped at 1', async () => {
    const world = await createLti11Platform();
    await world.stores.ags.createLineItem({ id: 'li-1', contextId: COURSE, clientId: TOOL_A.clientId, label: 'Test', scoreMaximum: 60, resourceLinkId: 'rl-a1', createdAt: world.clock.now() });
    const base = { lineItemId: 'li-1', activityProgress: 'Completed', gradingProgress: 'FullyGraded', receivedAt: world.clock.now() } as const;
    await world.stores.ags.recordScore({ ...base, userId: 'learner-1', timestamp: '2026-01-01T00:00:00Z', scoreGiven: 45, scoreMaximum: 60 });
    await world.stores.ags.recordScore({ ...base, userId: 'learner-2', timestamp: '2026-01-01T00:00:00Z', scoreGiven: 70, scoreMaximum: 60 });
    assert.equal((await world.outcome({ operation: 'readResult', sourcedId: sourcedIdOf('rl-a1') })).response.score, 0.75);
    assert.equal((await world.outcome({ operation: 'readResult', sourcedId: sourcedIdOf('rl-a1', 'learner-2') })).response.score, 1);
  });

  it('readResult answers an empty score when there is none, a pending one, or no line item (without creating one)', async () => {
    const world = await createLti11Platform();
    const none = await world.outcome({ operation: 'readResult', sourcedId: sourcedIdOf('rl-a1') });
    assert.equal(none.response.codeMajor, 'success');
    assert.equal(none.response.score, null);
    assert.deepEqual(await world.stores.ags.readGradebook(COURSE), []);
    await world.stores.ags.createLineItem({ id: 'li-1', contextId: COURSE, clientId: TOOL_A.clientId, label: 'Test', scoreMaximum: 1, resourceLinkId: 'rl-a1', createdAt: world.clock.now() });
    await world.stores.ags.recordScore({ lineItemId: 'li-1', userId: 'learner-1', timestamp: '2026-01-01T00:00:00Z', activityProgress: 'Submitted', gradingProgress: 'Pending', scoreGiven: 0.3, scoreMaximum: 1, receivedAt: world.clock.now() });
    assert.equal((await world.outcome({ operation: 'readResult', sourcedId: sourcedIdOf('rl-a1') })).response.score, null, 'AGS-044: pending grading does not count');
  });

  it('a later replaceResult wins over an AGS score stamped ahead of the clock', async () => {
    const world = await createLti11Platform();
    await world.stores.ags.createLineItem({ id: 'li-1', contextId: COURSE, clientId: TOOL_A.clientId, label: 'Test', scoreMaximum: 1, resourceLinkId: 'rl-a1', createdAt: world.clock.now() });
    await world.stores.ags.recordScore({ lineItemId: 'li-1', userId: 'learner-1', timestamp: '2026-01-01T00:05:00.5Z', activityProgress: 'Completed', gradingProgress: 'FullyGraded', scoreGiven: 0.2, scoreMaximum: 1, receivedAt: world.clock.now() });
    await world.outcome({ operation: 'replaceResult', sourcedId: sourcedIdOf('rl-a1'), score: 0.6 });
    const [latest] = await world.stores.ags.listLatestScores({ lineItemId: 'li-1', userId: 'learner-1', limit: 1 });
    assert.equal(latest?.scoreGiven, 0.6);
    assert.equal(latest?.timestamp, '2026-01-01T00:05:00.500001Z');
  });

  it('deleteResult clears the result as AGS does (no scoreGiven, Initialized, NotReady); the history keeps the grade', async () => {
    const world = await createLti11Platform();
    const sourcedId = sourcedIdOf('rl-a1');
    await world.outcome({ operation: 'replaceResult', sourcedId, score: 1 });
    const deleted = await world.outcome({ operation: 'deleteResult', sourcedId });
    assert.equal(deleted.response.codeMajor, 'success');
    assert.equal(deleted.response.operationRefIdentifier, 'deleteResult');
    assert.equal((await world.outcome({ operation: 'readResult', sourcedId })).response.score, null);
    const [column] = await world.stores.ags.readGradebook(COURSE);
    const [latest] = column?.latestScores ?? [];
    assert.equal(latest?.scoreGiven, undefined);
    assert.equal(latest?.activityProgress, 'Initialized');
    assert.equal(latest?.gradingProgress, 'NotReady');
    assert.equal((await world.stores.ags.scoreHistory(column!.lineItem.id, 'learner-1')).length, 2);
    // Deleting again, or where nothing was ever graded, succeeds and writes nothing.
    assert.equal((await world.outcome({ operation: 'deleteResult', sourcedId })).response.codeMajor, 'success');
    assert.equal((await world.outcome({ operation: 'deleteResult', sourcedId: sourcedIdOf('rl-a2') })).response.codeMajor, 'success');
    assert.equal((await world.stores.ags.scoreHistory(column!.lineItem.id, 'learner-1')).length, 2);
    assert.equal((await world.stores.ags.readGradebook(COURSE)).length, 1);
  });

  it('each tool\u2019s grades stay under its own client id', async () => {
    const world = await createLti11Platform();
    await world.outcome({ operation: 'replaceResult', sourcedId: sourcedIdOf('rl-a1'), score: 0.1 });
    await world.outcome({ operation: 'replaceResult', sourcedId: sourcedIdOf('rl-b1'), score: 0.2 }, { tool: TOOL_B });
    const columns = await world.stores.ags.readGradebook(COURSE);
    assert.deepEqual(columns.map((column) => [column.lineItem.clientId, column.lineItem.resourceLinkId, column.latestScores[0]?.scoreGiven]).sort(), [
      [TOOL_A.clientId, 'rl-a1', 0.1],
      [TOOL_B.clientId, 'rl-b1', 0.2],
    ]);
  });

  it('uses the application\u2019s label and maximum for a line item made on a first grade', async () => {
    const world = await createLti11Platform({ lti11: { lineItemLabel: ({ resourceLinkId }) => `Link ${resourceLinkId}`, scoreMaximum: 20 } });
    await world.outcome({ operation: 'replaceResult', sourcedId: sourcedIdOf('rl-a1'), score: 0.25 });
    const [column] = await world.stores.ags.readGradebook(COURSE);
    assert.deepEqual([column?.lineItem.label, column?.lineItem.scoreMaximum, column?.latestScores[0]?.scoreGiven], ['Link rl-a1', 20, 5]);
  });

  it('keeps grades under the user\u2019s AGS id when the application maps the 1.1 user_id to it (MIG-003)', async () => {
    const world = await createLti11Platform({ lti11: { agsUserId: (lti11UserId) => (lti11UserId === '34212' ? 'learner-1' : lti11UserId) } });
    const legacy = sourcedIdOf('rl-a1', '34212');
    assert.equal((await world.outcome({ operation: 'replaceResult', sourcedId: legacy, score: 0.6 })).response.codeMajor, 'success');
    const [column] = await world.stores.ags.readGradebook(COURSE);
    assert.deepEqual(column?.latestScores.map((score) => [score.userId, score.scoreGiven]), [['learner-1', 0.6]]);
    // A score the 1.3 tool posts for learner-1 is what the old sourcedid reads.
    world.clock.advance(1);
    await world.stores.ags.recordScore({ lineItemId: column!.lineItem.id, userId: 'learner-1', timestamp: new Date(world.clock.now() * 1000).toISOString(), activityProgress: 'Completed', gradingProgress: 'FullyGraded', scoreGiven: 0.9, scoreMaximum: 1, receivedAt: world.clock.now() });
    assert.equal((await world.outcome({ operation: 'readResult', sourcedId: legacy })).response.score, 0.9);
    // Membership is checked on the mapped id: '777' maps to itself, who is no member.
    assert.deepEqual((await world.outcome({ operation: 'readResult', sourcedId: sourcedIdOf('rl-a1', '777') })).response.codeMinor, { ltikit: 'ERR_LTI11_OUTCOME_FORBIDDEN' });
  });

  it('reports each message to the observer with the tool\u2019s client id', async () => {
    const world = await createLti11Platform();
    await world.outcome({ operation: 'replaceResult', sourcedId: sourcedIdOf('rl-a1'), score: 0.5 });
    await world.postOutcome(buildOutcomeRequest({ messageIdentifier: 'm', operation: 'replaceResult', sourcedId: sourcedIdOf('rl-a1'), score: 0.5 }).replace('>0.5<', '>5<'));
    const events = world.events.filter((event) => event.kind === 'service_request');
    assert.deepEqual(
      events.map((event) => [event.direction, event.outcome, event.messageType, event.clientId, event.errorCode]),
      [
        ['received', 'accepted', 'replaceResultRequest', TOOL_A.clientId, undefined],
        ['received', 'rejected', 'replaceResultRequest', TOOL_A.clientId, 'ERR_LTI11_OUTCOME_SCORE_INVALID'],
      ],
    );
    assert.deepEqual(world.errors.map((error) => error.code), ['ERR_LTI11_OUTCOME_SCORE_INVALID']);
  });
});

describe('Basic Outcomes: logical failures are POX failures with HTTP 200 (BO-007..BO-009)', () => {
  it('refuses scores outside [0, 1], non-numeric, with an exponent or missing, and writes nothing', async () => {
    const world = await createLti11Platform();
    const template = buildOutcomeRequest({ messageIdentifier: 'msg-s', operation: 'replaceResult', sourcedId: sourcedIdOf('rl-a1'), score: 0.5 });
    for (const text of ['1.5', '-0.1', 'abc', '5e-1', '', 'NaN']) {
      const response = await world.postOutcome(template.replace('<textString>0.5</textString>', `<textString>${text}</textString>`));
      assert.equal(response.status, 200);
      const body = await response.text();
      const parsed = parseOutcomeResponse(body);
      assert.equal(parsed.codeMajor, 'failure', text);
      assert.equal(parsed.messageRefIdentifier, 'msg-s');
      assert.equal(parsed.operationRefIdentifier, 'replaceResult');
      assert.equal(codeMinorOf(body), 'ERR_LTI11_OUTCOME_SCORE_INVALID');
    }
    const response = await world.postOutcome(template.replace(/<result>.*<\/result>/, ''));
    assert.equal(codeMinorOf(await response.text()), 'ERR_LTI11_OUTCOME_SCORE_INVALID');
    assert.deepEqual(await world.stores.ags.readGradebook(COURSE), [], 'no line item, no score');
  });

  it('answers an unknown operation with unsupported (BO-008)', async () => {
    const world = await createLti11Platform();
    const xml = buildOutcomeRequest({ messageIdentifier: 'msg-u', operation: 'readResult', sourcedId: sourcedIdOf('rl-a1') }).replace(/readResultRequest/g, 'readMembershipRequest');
    const response = await world.postOutcome(xml);
    assert.equal(response.status, 200);
    const body = await response.text();
    const parsed = parseOutcomeResponse(body);
    assert.equal(parsed.codeMajor, 'unsupported');
    assert.equal(parsed.messageRefIdentifier, 'msg-u');
    assert.equal(parsed.operationRefIdentifier, 'readMembership');
    assert.equal(codeMinorOf(body), 'ERR_LTI11_OUTCOME_OPERATION_UNSUPPORTED');
  });

  it('refuses a sourcedid of another tool\u2019s link, of a non-member, of another context, or not ours; nothing written', async () => {
    const world = await createLti11Platform();
    const cases: Array<[string, string]> = [
      [sourcedIdOf('rl-b1'), 'ERR_LTI11_OUTCOME_FORBIDDEN'],
      [sourcedIdOf('rl-unknown'), 'ERR_LTI11_OUTCOME_FORBIDDEN'],
      [sourcedIdOf('rl-a1', 'visitor-1'), 'ERR_LTI11_OUTCOME_FORBIDDEN'],
      [sourcedIdOf('rl-a1', 'learner-1', 'course-2'), 'ERR_LTI11_OUTCOME_FORBIDDEN'],
      ['rs-77-a3f0', 'ERR_LTI11_OUTCOME_SOURCEDID_UNKNOWN'],
      ['a:b:%E0%A4%A', 'ERR_LTI11_OUTCOME_SOURCEDID_UNKNOWN'],
      ['a::c', 'ERR_LTI11_OUTCOME_SOURCEDID_UNKNOWN'],
    ];
    for (const [sourcedId, code] of cases) {
      for (const operation of ['replaceResult', 'readResult', 'deleteResult'] as const) {
        const response = await world.postOutcome(buildOutcomeRequest({ messageIdentifier: 'msg-f', operation, sourcedId, ...(operation === 'replaceResult' ? { score: 1 } : {}) }));
        assert.equal(response.status, 200);
        const body = await response.text();
        assert.equal(parseOutcomeResponse(body).codeMajor, 'failure', `${operation} ${sourcedId}`);
        assert.equal(codeMinorOf(body), code, `${operation} ${sourcedId}`);
      }
    }
    assert.deepEqual(await world.stores.ags.readGradebook(COURSE), []);
    assert.deepEqual(await world.stores.ags.readGradebook('course-2'), []);
  });

  it('refuses every sourcedid when the application does not say which links are whose', async () => {
    const world = await createLti11Platform({ lti11: false });
    const { response } = await world.outcome({ operation: 'replaceResult', sourcedId: sourcedIdOf('rl-a1'), score: 1 });
    assert.equal(response.codeMajor, 'failure');
    assert.deepEqual(response.codeMinor, { ltikit: 'ERR_LTI11_OUTCOME_FORBIDDEN' });
  });

  it('refuses a DTD or entity in a signed body without reading it, and malformed XML', async () => {
    const world = await createLti11Platform();
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${buildOutcomeRequest({ messageIdentifier: 'm', operation: 'readResult', sourcedId: '&xxe;' }).replace('<?xml version="1.0" encoding="UTF-8"?>', '')}`;
    const dtd = await world.postOutcome(xxe);
    assert.equal(dtd.status, 200);
    const dtdBody = await dtd.text();
    assert.equal(parseOutcomeResponse(dtdBody).codeMajor, 'failure');
    assert.equal(parseOutcomeResponse(dtdBody).messageRefIdentifier, undefined);
    assert.equal(codeMinorOf(dtdBody), 'ERR_LTI11_XML_DTD_REFUSED');
    assert.doesNotMatch(dtdBody, /root:/);
    const malformed = await world.postOutcome('<imsx_POXEnvelopeRequest><unclosed>');
    assert.equal(codeMinorOf(await malformed.text()), 'ERR_LTI11_XML_MALFORMED');
    const notUtf8 = await world.platform.fetch(new Request(OUTCOMES_URL, { method: 'POST', body: new Uint8Array([0xff, 0xfe]) }));
    assert.equal(notUtf8.status, 401, 'unsigned: refused before the body is decoded');
  });

  it('refers to the message identifier of an invalid request once it is known', async () => {
    const world = await createLti11Platform();
    const xml = buildOutcomeRequest({ messageIdentifier: 'msg-known', operation: 'readResult', sourcedId: 'x' }).replace(/<resultRecord>.*<\/resultRecord>/, '');
    const body = await (await world.postOutcome(xml)).text();
    const parsed = parseOutcomeResponse(body);
    assert.equal(parsed.codeMajor, 'failure');
    assert.equal(parsed.messageRefIdentifier, 'msg-known');
    assert.equal(codeMinorOf(body), 'ERR_LTI11_OUTCOME_REQUEST_INVALID');
  });

  it('answers a store failure with HTTP 500 and a POX failure, never success', async () => {
    const world = await createLti11Platform();
    world.stores.ags.recordScore = async () => {
      throw new Error('database down');
    };
    const response = await world.postOutcome(buildOutcomeRequest({ messageIdentifier: 'msg-500', operation: 'replaceResult', sourcedId: sourcedIdOf('rl-a1'), score: 1 }));
    assert.equal(response.status, 500);
    const body = await response.text();
    assert.equal(parseOutcomeResponse(body).codeMajor, 'failure');
    assert.equal(codeMinorOf(body), 'ERR_LTI_INTERNAL');
    assert.doesNotMatch(body, /database down/);
    assert.equal(world.errors.at(-1)?.code, 'ERR_LTI_INTERNAL');
  });
});

describe('Basic Outcomes: authentication (BO-003, 401 with a POX body, BO-009)', () => {
  const request = (sourcedId = sourcedIdOf('rl-a1')) => buildOutcomeRequest({ messageIdentifier: 'msg-auth', operation: 'replaceResult', sourcedId, score: 1 });

  async function expect401(response: Response, code: string): Promise<void> {
    assert.equal(response.status, 401);
    assert.match(response.headers.get('www-authenticate') ?? '', /^OAuth realm=/);
    assert.match(response.headers.get('content-type') ?? '', /^application\/xml/);
    const body = await response.text();
    assert.equal(parseOutcomeResponse(body).codeMajor, 'failure');
    assert.equal(codeMinorOf(body), code);
  }

  it('refuses a bad signature, a wrong secret, an unknown key, and writes nothing', async () => {
    const world = await createLti11Platform();
    await expect401(await world.postOutcome(request(), { tool: { consumerKey: TOOL_A.consumerKey, secret: 'wrong' } }), 'ERR_LTI11_SIGNATURE_INVALID');
    // Tool B's key and secret, for tool A's sourcedid: the signature is B's, so the link is not B's.
    const borrowed = await world.postOutcome(request(), { tool: TOOL_B });
    assert.equal(codeMinorOf(await borrowed.text()), 'ERR_LTI11_OUTCOME_FORBIDDEN');
    await expect401(await world.postOutcome(request(), { tool: { consumerKey: 'ck-nobody', secret: 'x' } }), 'ERR_LTI11_CONSUMER_KEY_UNKNOWN');
    await expect401(await world.postOutcome(request(), { signedUrl: `${OUTCOMES_URL}?x=1` }), 'ERR_LTI11_SIGNATURE_INVALID');
    assert.deepEqual(await world.stores.ags.readGradebook(COURSE), []);
  });

  it('refuses a body that does not match its hash, and a request without a body hash', async () => {
    const world = await createLti11Platform();
    await expect401(await world.postOutcome(request(), { signedBody: request().replace('<textString>1</textString>', '<textString>0</textString>') }), 'ERR_LTI11_BODY_HASH_MISMATCH');
    await expect401(await world.postOutcome(request(), { withoutBodyHash: true }), 'ERR_LTI11_BODY_HASH_MISSING');
    assert.deepEqual(await world.stores.ags.readGradebook(COURSE), []);
  });

  it('refuses a replayed nonce and a stale timestamp (OA-005)', async () => {
    const world = await createLti11Platform();
    assert.equal((await world.postOutcome(request(), { nonce: 'once' })).status, 200);
    await expect401(await world.postOutcome(request(), { nonce: 'once' }), 'ERR_LTI11_NONCE_REPLAYED');
    // The same nonce from another consumer key is another nonce.
    assert.equal((await world.postOutcome(request(sourcedIdOf('rl-b1')), { nonce: 'once', tool: TOOL_B })).status, 200);
    await expect401(await world.postOutcome(request(), { timestamp: world.clock.now() - 301 }), 'ERR_LTI11_TIMESTAMP_OUT_OF_WINDOW');
  });

  it('accepts the configured timestamp window', async () => {
    const world = await createLti11Platform({ lti11: { timestampWindowSeconds: 5400 } });
    assert.equal((await world.postOutcome(request(), { timestamp: world.clock.now() - 3600 })).status, 200);
  });

  it('refuses a missing or malformed Authorization header, and another scheme', async () => {
    const world = await createLti11Platform();
    await expect401(await world.postOutcome(request(), { authorization: null }), 'ERR_LTI11_OAUTH_HEADER_MALFORMED');
    await expect401(await world.postOutcome(request(), { authorization: 'OAuth oauth_consumer_key=ck-a' }), 'ERR_LTI11_OAUTH_HEADER_MALFORMED');
    await expect401(await world.postOutcome(request(), { authorization: 'Basic Y2stYTpzZWNyZXQtYQ==' }), 'ERR_LTI11_OAUTH_HEADER_MALFORMED');
    await expect401(await world.postOutcome(request(), { authorization: 'OAuth realm=""' }), 'ERR_LTI11_OAUTH_PARAMETER_MISSING');
  });

  it('verifies against the public outcomes URL, whatever host the request reached behind a proxy (OA-004)', async () => {
    const world = await createLti11Platform({ platform: { baseUrl: 'https://lms.example.edu' } });
    const behindProxy = await world.postOutcome(request(), { url: 'http://10.0.0.7:8080/lti/lti11/outcomes', signedUrl: OUTCOMES_URL });
    assert.equal(behindProxy.status, 200);
    assert.equal(parseOutcomeResponse(await behindProxy.text()).codeMajor, 'success');
  });

  it('signs query parameters of the outcomes URL', async () => {
    const world = await createLti11Platform();
    const response = await world.postOutcome(request(), { url: `${OUTCOMES_URL}?tenant=7` });
    assert.equal(parseOutcomeResponse(await response.text()).codeMajor, 'success');
  });
});

describe('Basic Outcomes: the endpoint itself', () => {
  it('refuses a body over the cap with 413 and a POX failure, before checking anything else', async () => {
    const world = await createLti11Platform({ lti11: { maxBodyBytes: 2048 } });
    const big = request2048();
    const response = await world.postOutcome(big);
    assert.equal(response.status, 413);
    const body = await response.text();
    assert.equal(parseOutcomeResponse(body).codeMajor, 'failure');
    assert.equal(codeMinorOf(body), 'ERR_LTI_REQUEST_TOO_LARGE');
    // A streamed body without Content-Length is cut off the same way.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const streamed = await world.platform.fetch(new Request(OUTCOMES_URL, { method: 'POST', body: stream, duplex: 'half' } as RequestInit));
    assert.equal(streamed.status, 413);
  });

  it('is not served without an AGS store, and answers only POST', async () => {
    const withoutAgs = await createLti11Platform({ ags: false });
    assert.equal((await withoutAgs.postOutcome(buildOutcomeRequest({ messageIdentifier: 'm', operation: 'readResult', sourcedId: 'x' }))).status, 404);
    const world = await createLti11Platform();
    const get = await world.platform.fetch(new Request(OUTCOMES_URL));
    assert.equal(get.status, 405);
  });
});

function request2048(): string {
  return buildOutcomeRequest({ messageIdentifier: 'x'.repeat(2100), operation: 'readResult', sourcedId: sourcedIdOf('rl-a1') });
}

describe('Basic Outcomes with a Bearer token: upgraded tools (BO-010, MIG-007)', () => {
  async function upgradedWorld() {
    const world = await createLti11Platform({ platform: { scopesSupported: [SCOPE.basicOutcome, SCOPE.score] } });
    const key = await generateSigningKey({ alg: 'ES256', now: T0 });
    // Tool A moved to 1.3 under its reserved client id; tool C is a 1.3 tool with no 1.1 past.
    await registerKeyedTool(world.platform, { clientId: TOOL_A.clientId, lti11ConsumerKey: TOOL_A.consumerKey, publicJwk: key.publicJwk, scopes: [SCOPE.basicOutcome, SCOPE.score], deploymentIds: ['dep-a'] });
    await registerKeyedTool(world.platform, { clientId: 'client-c', publicJwk: key.publicJwk, scopes: [SCOPE.basicOutcome, SCOPE.score], deploymentIds: ['dep-c'] });
    const tokens = serviceTokens(world.platform, await testKeyOf(key), world.clock);
    const post = async (xml: string, token: string) => world.platform.fetch(new Request(OUTCOMES_URL, { method: 'POST', headers: { 'content-type': 'application/vnd.ims.lti.v1.outcome+xml', authorization: `Bearer ${token}` }, body: xml }));
    return { world, tokens, post };
  }

  it('accepts the old sourcedids from the upgraded tool\u2019s token, into the same line item', async () => {
    const { world, tokens, post } = await upgradedWorld();
    await world.outcome({ operation: 'replaceResult', sourcedId: sourcedIdOf('rl-a1'), score: 0.3 });
    const token = await tokens(TOOL_A.clientId, [SCOPE.basicOutcome]);
    const response = await post(buildOutcomeRequest({ messageIdentifier: 'm-bearer', operation: 'replaceResult', sourcedId: sourcedIdOf('rl-a1'), score: 0.6 }), token);
    assert.equal(response.status, 200);
    assert.equal(parseOutcomeResponse(await response.text()).codeMajor, 'success');
    const columns = await world.stores.ags.readGradebook(COURSE);
    assert.equal(columns.length, 1);
    assert.deepEqual(columns[0]?.latestScores.map((score) => score.scoreGiven), [0.6]);
    // The link check applies as to 1.1 calls: tool B's link stays out of reach.
    const other = await post(buildOutcomeRequest({ messageIdentifier: 'm-b', operation: 'readResult', sourcedId: sourcedIdOf('rl-b1') }), token);
    assert.equal(codeMinorOf(await other.text()), 'ERR_LTI11_OUTCOME_FORBIDDEN');
  });

  it('refuses a token without the scope, an unknown token, and a tool with no 1.1 key', async () => {
    const { tokens, post } = await upgradedWorld();
    const xml = buildOutcomeRequest({ messageIdentifier: 'm', operation: 'readResult', sourcedId: sourcedIdOf('rl-a1') });
    const scope = await post(xml, await tokens(TOOL_A.clientId, [SCOPE.score]));
    assert.equal(scope.status, 403);
    assert.match(scope.headers.get('www-authenticate') ?? '', /^Bearer error="insufficient_scope"/);
    assert.equal(codeMinorOf(await scope.text()), 'ERR_LTI_ACCESS_TOKEN_SCOPE_INSUFFICIENT');
    const unknown = await post(xml, 'not-a-token');
    assert.equal(unknown.status, 401);
    assert.equal(codeMinorOf(await unknown.text()), 'ERR_LTI_ACCESS_TOKEN_INVALID');
    const unlinked = await post(xml, await tokens('client-c', [SCOPE.basicOutcome]));
    assert.equal(unlinked.status, 403);
    assert.equal(codeMinorOf(await unlinked.text()), 'ERR_LTI11_OUTCOME_TOOL_NOT_LINKED');
  });
});
