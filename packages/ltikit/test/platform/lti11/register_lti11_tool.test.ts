// Registering LTI 1.1 tools on the platform: generated keys and strong secrets, checked fields, a
// unique consumer key (OA-006), and the 1.3 client id reserved from the start so that a later
// upgrade under that client id finds the 1.1 grades through AGS with nothing moved (MIG-005).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateSigningKey } from '../../../src/keys/generate_signing_key.js';
import { createPlatform } from '../../../src/platform/create_platform.js';
import { checkLti11ToolRegistration } from '../../../src/platform/lti11/register_lti11_tool.js';
import { createMemoryStores } from '../../../src/stores/memory.js';
import { MEDIA_TYPE } from '../../../src/vocab/media_types.js';
import { SCOPE } from '../../../src/vocab/scopes.js';
import { rejectsLtiError, throwsLtiError } from '../../support/assert_lti_error.js';
import { COURSE, ISSUER, T0, createLti11Platform, sourcedIdOf } from '../../support/lti11_platform.js';
import { testKeyOf } from '../../support/platform_key.js';
import { registerKeyedTool, serviceTokens } from '../../support/service_platform.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('platform.lti11.registerTool', () => {
  it('generates the consumer key, a 32-byte secret and the reserved 1.3 ids, and stores the credential', async () => {
    const world = await createLti11Platform();
    const credential = await world.platform.lti11.registerTool({ name: ' Legacy quiz ', launchUrl: 'https://quiz.example.com/lti' });
    assert.match(credential.consumerKey, UUID);
    assert.match(credential.secret, /^[A-Za-z0-9_-]{43}$/, '32 random bytes, base64url');
    assert.equal(credential.name, 'Legacy quiz');
    assert.equal(credential.launchUrl, 'https://quiz.example.com/lti');
    assert.deepEqual(credential.claims, []);
    assert.match(credential.lti13?.clientId ?? '', UUID);
    assert.match(credential.lti13?.deploymentIds?.[0] ?? '', UUID);
    assert.equal(credential.createdAt, T0);
    assert.deepEqual(await world.stores.lti11.getCredential(credential.consumerKey), credential);
    const other = await world.platform.lti11.registerTool({ name: 'Other', launchUrl: 'https://quiz.example.com/lti' });
    assert.notEqual(other.secret, credential.secret);
    assert.notEqual(other.lti13?.clientId, credential.lti13?.clientId);
  });

  it('keeps a given key, secret, custom parameters, claims and reserved ids', async () => {
    const world = await createLti11Platform();
    const credential = await world.platform.lti11.registerTool({
      name: 'Moved over',
      launchUrl: 'https://quiz.example.com/lti',
      consumerKey: 'legacy-key',
      secret: 'legacy secret',
      customParameters: { 'Chapter-No': '3' },
      claims: ['name', 'email', 'name'],
      clientId: 'future-client',
      deploymentId: 'future-deployment',
    });
    assert.deepEqual(
      { ...credential },
      {
        consumerKey: 'legacy-key',
        secret: 'legacy secret',
        name: 'Moved over',
        launchUrl: 'https://quiz.example.com/lti',
        customParameters: { 'Chapter-No': '3' },
        claims: ['name', 'email'],
        lti13: { clientId: 'future-client', deploymentIds: ['future-deployment'] },
        createdAt: T0,
      },
    );
  });

  it('refuses a consumer key already registered', async () => {
    const world = await createLti11Platform();
    await world.platform.lti11.registerTool({ name: 'One', launchUrl: 'https://one.example.com/lti', consumerKey: 'shared' });
    const error = await rejectsLtiError(world.platform.lti11.registerTool({ name: 'Two', launchUrl: 'https://two.example.com/lti', consumerKey: 'shared' }), 'ERR_LTI11_CONSUMER_KEY_TAKEN');
    assert.equal(error.detail?.field, 'consumerKey');
    assert.equal((await world.stores.lti11.getCredential('shared'))?.name, 'One');
  });

  it('refuses bad fields, naming each', () => {
    const valid = { name: 'Quiz', launchUrl: 'https://quiz.example.com/lti' };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: '  ' }, 'name'],
      [{ name: undefined }, 'name'],
      [{ launchUrl: 'http://quiz.example.com/lti' }, 'launchUrl'],
      [{ launchUrl: 'https://quiz.example.com/lti#x' }, 'launchUrl'],
      [{ launchUrl: 'not a url' }, 'launchUrl'],
      [{ consumerKey: '' }, 'consumerKey'],
      [{ consumerKey: 'a\nb' }, 'consumerKey'],
      [{ secret: '' }, 'secret'],
      [{ customParameters: { a: 1 } }, 'customParameters.a'],
      [{ customParameters: { '--': 'x' } }, 'customParameters.--'],
      [{ customParameters: ['x'] }, 'customParameters'],
      [{ claims: ['name', 'ssn'] }, 'claims[1]'],
      [{ clientId: '' }, 'clientId'],
    ];
    for (const [change, field] of cases) {
      const error = throwsLtiError(() => checkLti11ToolRegistration({ ...valid, ...change } as never, { allowInsecureLoopback: false, now: T0 }), 'ERR_LTI11_TOOL_REGISTRATION_INVALID');
      assert.equal(error.detail?.field, field, JSON.stringify(change));
    }
  });

  it('accepts plain http on loopback only when allowed', () => {
    const input = { name: 'Local', launchUrl: 'http://127.0.0.1:8080/lti' };
    throwsLtiError(() => checkLti11ToolRegistration(input, { allowInsecureLoopback: false, now: T0 }), 'ERR_LTI11_TOOL_REGISTRATION_INVALID');
    assert.equal(checkLti11ToolRegistration(input, { allowInsecureLoopback: true, now: T0 }).launchUrl, 'http://127.0.0.1:8080/lti');
    throwsLtiError(() => checkLti11ToolRegistration({ ...input, launchUrl: 'http://tool.example.com/lti' }, { allowInsecureLoopback: true, now: T0 }), 'ERR_LTI11_TOOL_REGISTRATION_INVALID');
  });

  it('needs stores.lti11', async () => {
    const { singleUse, tools, keys } = createMemoryStores();
    const platform = createPlatform({ issuer: ISSUER, stores: { singleUse, tools, keys }, currentUser: 'message-hint-only' });
    await rejectsLtiError(platform.lti11.registerTool({ name: 'x', launchUrl: 'https://x.example.com' }), 'ERR_LTI_PLATFORM_CONFIG_INVALID');
    await rejectsLtiError(platform.createLti11Launch({ consumerKey: 'x', user: { id: 'u' }, roles: [], resourceLink: { id: 'r' } }), 'ERR_LTI_PLATFORM_CONFIG_INVALID');
    assert.equal((await platform.fetch(new Request(`${ISSUER}/lti/lti11/outcomes`, { method: 'POST', body: '<x/>' }))).status, 404);
  });
});

describe('migration continuity: the reserved client id (MIG-005)', () => {
  it('a tool upgraded to 1.3 under its reserved client id reads and continues the 1.1 grades through AGS', async () => {
    const world = await createLti11Platform({
      lti11: { resourceLinkAccess: ({ resourceLinkId }, tool) => resourceLinkId === 'rl-legacy' && tool.consumerKey === 'legacy' },
    });
    const credential = await world.platform.lti11.registerTool({ name: 'Legacy quiz', launchUrl: 'https://quiz.example.com/lti', consumerKey: 'legacy' });
    const sourcedId = sourcedIdOf('rl-legacy');
    const graded = await world.outcome({ operation: 'replaceResult', sourcedId, score: 0.8 }, { tool: credential });
    assert.equal(graded.response.codeMajor, 'success');

    // The upgrade: the 1.3 registration takes the reserved ids and names the 1.1 key.
    const key = await generateSigningKey({ alg: 'ES256', now: T0 });
    const tool = await registerKeyedTool(world.platform, {
      clientId: credential.lti13!.clientId,
      deploymentIds: credential.lti13!.deploymentIds!,
      lti11ConsumerKey: credential.consumerKey,
      publicJwk: key.publicJwk,
      scopes: [SCOPE.lineItem, SCOPE.resultReadonly, SCOPE.score],
    });
    const token = await serviceTokens(world.platform, await testKeyOf(key), world.clock)(tool.clientId, [SCOPE.lineItem, SCOPE.resultReadonly, SCOPE.score], tool.deploymentIds[0]);
    const lineItems = await world.platform.fetch(
      new Request(`${ISSUER}/lti/contexts/${COURSE}/lineitems?resource_link_id=rl-legacy`, { headers: { authorization: `Bearer ${token}`, accept: MEDIA_TYPE.lineItemContainer } }),
    );
    const [lineItem] = (await lineItems.json()) as Array<{ id: string; scoreMaximum: number }>;
    assert.ok(lineItem, 'the line item the 1.1 grade created is the 1.3 tool\u2019s');
    const results = await world.platform.fetch(new Request(`${lineItem.id}/results`, { headers: { authorization: `Bearer ${token}`, accept: MEDIA_TYPE.resultContainer } }));
    assert.deepEqual(
      ((await results.json()) as Array<{ userId: string; resultScore: number }>).map((result) => [result.userId, result.resultScore]),
      [['learner-1', 0.8]],
    );
    // The 1.3 tool grades on; the 1.1 readResult (still offered) sees the new grade.
    world.clock.advance(5);
    const posted = await world.platform.fetch(
      new Request(`${lineItem.id}/scores`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': MEDIA_TYPE.score },
        body: JSON.stringify({ userId: 'learner-1', scoreGiven: 0.9, scoreMaximum: 1, timestamp: new Date((T0 + 5) * 1000).toISOString(), activityProgress: 'Completed', gradingProgress: 'FullyGraded' }),
      }),
    );
    assert.equal(posted.status, 204);
    assert.equal((await world.outcome({ operation: 'readResult', sourcedId }, { tool: credential })).response.score, 0.9);
    assert.equal((await world.stores.ags.readGradebook(COURSE)).length, 1, 'one column, no data moved');
  });
});
