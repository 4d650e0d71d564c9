// Assignment and Grade Services end to end over real HTTP on 127.0.0.1: a tool with its own key
// set (JWKS served from its `/jwks` route) gets tokens from the platform's token endpoint and uses
// `tool.ags` against the platform's AGS endpoints — create a line item, post scores (one stale),
// read results and line items, delete — while the platform's gradebook shows what was stored.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LtiTool } from '../../src/tool/create_tool.js';
import type { ServiceTarget } from '../../src/tool/token/access_token_client.js';
import { SCOPE } from '../../src/vocab/scopes.js';
import { rejectsLtiError } from '../support/assert_lti_error.js';
import type { TestServer } from '../support/serve.js';
import { type ServiceWorld, startServiceWorld } from '../support/service_platform.js';

const CLIENT_ID = 'grading-tool';
const DEPLOYMENT_ID = 'dep-1';
const CONTEXT_ID = 'course-42';

describe('AGS over HTTP', () => {
  let world: ServiceWorld;
  let platformServer: TestServer;
  let toolServer: TestServer;
  let tool: LtiTool;
  let platformStores: ServiceWorld['platformStores'];
  let target: ServiceTarget;
  let lineItemsUrl: string;
  let lineItemUrl: string;

  before(async () => {
    world = await startServiceWorld({
      registration: { clientId: CLIENT_ID, name: 'Grading tool', scopes: [SCOPE.lineItem, SCOPE.lineItemReadonly, SCOPE.resultReadonly, SCOPE.score], deploymentIds: [DEPLOYMENT_ID] },
      platform: (stores) => ({
        ags: { store: stores.ags, isMember: (contextId, userId) => contextId === CONTEXT_ID && userId.startsWith('learner-') },
        serviceContextAccess: (contextId, grant) => contextId === CONTEXT_ID && grant.clientId === CLIENT_ID,
      }),
    });
    ({ platformServer, toolServer, tool, platformStores, target } = world);
    lineItemsUrl = `${platformServer.origin}/lti/contexts/${CONTEXT_ID}/lineitems`;
  });
  after(() => world?.close());

  it('creates a line item', async () => {
    const created = await tool.ags.createLineItem(target, lineItemsUrl, { label: 'Essay 1', scoreMaximum: 20, resourceLinkId: 'rl-essay', tag: 'essay' });
    assert.ok(created.id.startsWith(`${lineItemsUrl}/`));
    lineItemUrl = created.id;
    assert.equal(platformServer.hits.get('/lti/token'), 1);
    assert.equal(toolServer.hits.get('/lti/jwks'), 1, 'the platform fetched the tool\u2019s JWKS over HTTP');
  });

  it('posts scores, refuses a stale one with 409 and a non-member with 400', async () => {
    const base = { activityProgress: 'Completed', gradingProgress: 'FullyGraded', scoreMaximum: 10 } as const;
    await tool.ags.submitScore(target, lineItemUrl, { ...base, userId: 'learner-1', scoreGiven: 6, timestamp: '2026-05-01T10:00:00.000Z' });
    await tool.ags.submitScore(target, lineItemUrl, { ...base, userId: 'learner-1', scoreGiven: 8, timestamp: '2026-05-01T10:05:00.000Z', comment: 'Revised' });
    await tool.ags.submitScore(target, lineItemUrl, { ...base, userId: 'learner-2', scoreGiven: 9.5, timestamp: '2026-05-01T10:01:00.000Z' });
    const stale = await rejectsLtiError(tool.ags.submitScore(target, lineItemUrl, { ...base, userId: 'learner-1', scoreGiven: 1, timestamp: '2026-05-01T10:04:59.999Z' }), 'ERR_LTI_SERVICE_REQUEST_FAILED');
    assert.equal(stale.detail?.status, 409);
    const stranger = await rejectsLtiError(tool.ags.submitScore(target, lineItemUrl, { ...base, userId: 'visitor-1', scoreGiven: 1, timestamp: '2026-05-01T10:00:00Z' }), 'ERR_LTI_SERVICE_REQUEST_FAILED');
    assert.equal(stranger.detail?.status, 400);
    assert.match(String(stranger.detail?.body), /ERR_LTI_AGS_SCORE_USER_NOT_MEMBER/);
  });

  it('reads the results on the line item\u2019s scale, a page at a time', async () => {
    const results = await tool.ags.listResults(target, lineItemUrl, { limit: 1 });
    assert.deepEqual(
      results.map((result) => [result.userId, result.resultScore, result.resultMaximum, result.comment]),
      [
        ['learner-1', 16, 20, 'Revised'],
        ['learner-2', 19, 20, undefined],
      ],
    );
  });

  it('lists line items by filter and shows the platform\u2019s gradebook', async () => {
    assert.deepEqual((await tool.ags.listLineItems(target, lineItemsUrl, { resourceLinkId: 'rl-essay' })).map((item) => item.id), [lineItemUrl]);
    assert.deepEqual(await tool.ags.listLineItems(target, lineItemsUrl, { tag: 'quiz' }), []);
    const [column] = await platformStores.ags.readGradebook(CONTEXT_ID);
    assert.equal(column?.lineItem.label, 'Essay 1');
    assert.deepEqual(column?.latestScores.map((score) => [score.userId, score.scoreGiven]), [
      ['learner-1', 8],
      ['learner-2', 9.5],
    ]);
    assert.equal((await platformStores.ags.scoreHistory(lineItemUrl.split('/').at(-1)!, 'learner-1')).length, 2);
  });

  it('deletes the line item', async () => {
    await tool.ags.deleteLineItem(target, lineItemUrl);
    const error = await rejectsLtiError(tool.ags.getLineItem(target, lineItemUrl), 'ERR_LTI_SERVICE_REQUEST_FAILED');
    assert.equal(error.detail?.status, 404);
    assert.deepEqual(await platformStores.ags.readGradebook(CONTEXT_ID), []);
  });
});
