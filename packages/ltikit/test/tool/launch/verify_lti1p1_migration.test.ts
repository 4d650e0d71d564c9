// LTI 1.1 → 1.3 migration, tool side: the `lti1p1` claim of a validated launch checked against the
// tool's 1.1 credentials (MIG-004), the credential linked on success (MIG-005), each refusal with its
// own code, the launch itself kept (or refused under `lti1p1Migration: 'enforce'`).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { JWTPayload } from 'jose';
import { fixedClock } from '../../../src/lib/clock.js';
import { signLti1p1 } from '../../../src/messages/lti1p1.js';
import { createMemoryStores } from '../../../src/stores/memory.js';
import type { Lti11Credential, PlatformRegistration } from '../../../src/stores/types.js';
import type { ToolOptions } from '../../../src/tool/config.js';
import { createTool } from '../../../src/tool/create_tool.js';
import { type LtiLaunch, validateLaunch } from '../../../src/tool/launch/validate_launch.js';
import { findLinkedLti11Credential, verifyLti1p1Migration } from '../../../src/tool/launch/verify_lti1p1_migration.js';
import { initiateLogin, stateCookieName } from '../../../src/tool/login/initiate_login.js';
import { recordFirstDeployment } from '../../../src/tool/registration/record_first_deployment.js';
import { LTI_CLAIM } from '../../../src/vocab/claims.js';
import { rejectsLtiError } from '../../support/assert_lti_error.js';
import { offlineLaunchContext } from '../../support/launch_context.js';
import { type TestPlatformKey, createPlatformKey } from '../../support/platform_key.js';

const T0 = 1_767_225_600;
const ISSUER = 'https://lms.example.edu';
const CLIENT_ID = 'c-7731';
const TARGET = 'https://tool.example.com/lti/launch';
const CONSUMER_KEY = 'ck-lms-2014';
const SECRET = 'the-1.1-secret';

let key: TestPlatformKey;
before(async () => {
  key = await createPlatformKey({ alg: 'ES256', kid: 'platform-key-1' });
});

const credential = (overrides: Partial<Lti11Credential> = {}): Lti11Credential => ({
  consumerKey: CONSUMER_KEY,
  secret: SECRET,
  name: 'Example LMS',
  createdAt: T0 - 86_400,
  ...overrides,
});

async function setup(options: { tool?: Partial<ToolOptions>; credential?: Lti11Credential | null; withStore?: boolean; registration?: Partial<PlatformRegistration> } = {}) {
  const clock = fixedClock(T0);
  const stores = createMemoryStores(clock);
  await stores.platforms.savePlatform({
    issuer: ISSUER,
    clientId: CLIENT_ID,
    deploymentIds: ['dep-01', 'dep-02'],
    authorizationEndpoint: `${ISSUER}/lti/authorize`,
    publicJwk: key.publicJwk,
    ...options.registration,
  });
  if (options.credential !== null) await stores.lti11.saveCredential(options.credential ?? credential());
  const saved: Lti11Credential[] = [];
  /** Runs after each read of a credential: what another process changes meanwhile. */
  const afterRead: { current?: (credential: Lti11Credential | undefined) => Promise<void> } = {};
  const lti11 = {
    getCredential: async (consumerKey: string) => {
      const found = await stores.lti11.getCredential(consumerKey);
      await afterRead.current?.(found);
      return found;
    },
    listCredentials: () => stores.lti11.listCredentials(),
    deleteCredential: (consumerKey: string) => stores.lti11.deleteCredential(consumerKey),
    saveCredential: async (value: Lti11Credential) => {
      saved.push(value);
      await stores.lti11.saveCredential(value);
    },
    createCredential: (value: Lti11Credential) => stores.lti11.createCredential(value),
  };
  const context = { ...offlineLaunchContext(stores, clock, options.tool ?? {}), ...((options.withStore ?? true) ? { lti11 } : {}) };

  /** Logs in for `deploymentId`, then posts the platform's token (with `claim` as `lti1p1`, when given). */
  async function launch(claim: (token: { nonce: string; exp: number; deploymentId: string }) => Promise<unknown> | unknown, deploymentId = 'dep-01'): Promise<LtiLaunch> {
    const login = await initiateLogin(
      new URLSearchParams({ iss: ISSUER, login_hint: 'u-1', target_link_uri: TARGET, client_id: CLIENT_ID, lti_deployment_id: deploymentId }),
      { config: context.config, singleUse: stores.singleUse, platforms: stores.platforms, clock },
    );
    const nonce = new URL(login.redirectUrl).searchParams.get('nonce')!;
    const exp = T0 + 300;
    const payload: JWTPayload = {
      iss: ISSUER,
      aud: CLIENT_ID,
      sub: 'u-1',
      iat: T0,
      exp,
      nonce,
      [LTI_CLAIM.messageType]: 'LtiResourceLinkRequest',
      [LTI_CLAIM.version]: '1.3.0',
      [LTI_CLAIM.deploymentId]: deploymentId,
      [LTI_CLAIM.targetLinkUri]: TARGET,
      [LTI_CLAIM.resourceLink]: { id: 'rl-1' },
      [LTI_CLAIM.context]: { id: 'ctx-991' },
      [LTI_CLAIM.roles]: [],
    };
    const value = await claim({ nonce, exp, deploymentId });
    if (value !== undefined) payload[LTI_CLAIM.lti1p1] = value;
    const cookies = new Map([[stateCookieName(login.state), login.state]]);
    return validateLaunch({ idToken: await key.sign(payload), state: login.state, cookies }, context);
  }

  return { stores, saved, context, launch, afterRead };
}

/** The sign the platform holding `secret` computes for this token (MIG-001). */
const sign = (token: { nonce: string; exp: number; deploymentId: string }, overrides: { secret?: string; exp?: number; clientId?: string; consumerKey?: string } = {}) =>
  signLti1p1(
    {
      consumerKey: overrides.consumerKey ?? CONSUMER_KEY,
      deploymentId: token.deploymentId,
      issuer: ISSUER,
      clientId: overrides.clientId ?? CLIENT_ID,
      exp: overrides.exp ?? token.exp,
      nonce: token.nonce,
    },
    overrides.secret ?? SECRET,
  );

/** A conforming claim: the key, its sign, and `extra` members. */
const signedClaim =
  (extra: Record<string, string> = {}) =>
  async (token: { nonce: string; exp: number; deploymentId: string }) => ({ ...extra, oauth_consumer_key: CONSUMER_KEY, oauth_consumer_key_sign: await sign(token) });

describe('a verified migration (MIG-004, MIG-005)', () => {
  it('reports the consumer key and the 1.1 ids, and links the credential to this registration and deployment', async () => {
    const { launch, stores } = await setup();
    const result = await launch(signedClaim({ user_id: '34212', context_id: 'ctx-2014' }));
    assert.deepEqual(result.lti1p1, { status: 'verified', consumerKey: CONSUMER_KEY, userId: '34212', contextId: 'ctx-2014', resourceLinkId: 'rl-1' });
    assert.deepEqual((await stores.lti11.getCredential(CONSUMER_KEY))?.lti13, { issuer: ISSUER, clientId: CLIENT_ID, deploymentIds: ['dep-01'] });
    // The rest of the credential is kept.
    assert.equal((await stores.lti11.getCredential(CONSUMER_KEY))?.secret, SECRET);
  });

  it('falls back on the 1.3 ids the platform kept unchanged (MIG-003)', async () => {
    const { launch } = await setup();
    const result = await launch(signedClaim());
    assert.deepEqual(result.lti1p1, { status: 'verified', consumerKey: CONSUMER_KEY, userId: 'u-1', contextId: 'ctx-991', resourceLinkId: 'rl-1' });
  });

  it('links idempotently: the same deployment saves nothing more, a second deployment is added', async () => {
    const { launch, saved, stores } = await setup();
    await launch(signedClaim());
    await launch(signedClaim());
    assert.equal(saved.length, 1);
    await launch(signedClaim(), 'dep-02');
    assert.equal(saved.length, 2);
    assert.deepEqual((await stores.lti11.getCredential(CONSUMER_KEY))?.lti13, { issuer: ISSUER, clientId: CLIENT_ID, deploymentIds: ['dep-01', 'dep-02'] });
  });

  it('accepts a credential pre-linked to this client id alone, and completes the link with the issuer', async () => {
    const { launch, stores } = await setup({ credential: credential({ lti13: { clientId: CLIENT_ID } }) });
    assert.equal((await launch(signedClaim())).lti1p1?.status, 'verified');
    assert.deepEqual((await stores.lti11.getCredential(CONSUMER_KEY))?.lti13, { issuer: ISSUER, clientId: CLIENT_ID, deploymentIds: ['dep-01'] });
  });

  it('leaves lti1p1 undefined, and the store untouched, for a launch without the claim', async () => {
    const { launch, saved } = await setup();
    const result = await launch(() => undefined);
    assert.equal(result.lti1p1, undefined);
    assert.equal(saved.length, 0);
  });
});

describe('the link is the launch\u2019s last write (MIG-005)', () => {
  it('links nothing when the launch is refused after the claim verified: a first deployment claimed by another launch (DR-037)', async () => {
    const { launch, saved, stores } = await setup({ registration: { deploymentIds: [], acceptFirstDeployment: true } });
    const registration = (await stores.platforms.findPlatforms(ISSUER))[0]!;
    // Another launch claimed the first deployment as dep-02; its save has not landed yet.
    const unsaved = { findPlatforms: (issuer: string) => stores.platforms.findPlatforms(issuer), deletePlatform: async () => {}, savePlatform: async () => Promise.reject(new Error('not yet')) };
    await assert.rejects(recordFirstDeployment(registration, 'dep-02', { platforms: unsaved, singleUse: stores.singleUse, clock: fixedClock(T0) }), /not yet/);
    await rejectsLtiError(launch(signedClaim(), 'dep-01'), 'ERR_LTI_DEPLOYMENT_UNKNOWN');
    assert.equal(saved.length, 0, 'nothing is linked');
    assert.equal((await stores.lti11.getCredential(CONSUMER_KEY))?.lti13, undefined);
    // The claimed deployment launches and links.
    assert.equal((await launch(signedClaim(), 'dep-02')).lti1p1?.status, 'verified');
    assert.deepEqual((await stores.lti11.getCredential(CONSUMER_KEY))?.lti13, { issuer: ISSUER, clientId: CLIENT_ID, deploymentIds: ['dep-02'] });
  });

  it('changes only lti13 of the credential as stored at link time: an edit made meanwhile is kept', async () => {
    const { launch, stores, afterRead } = await setup();
    afterRead.current = async (found) => {
      afterRead.current = undefined;
      if (found !== undefined) await stores.lti11.saveCredential({ ...found, name: 'Example LMS (renamed)' });
    };
    assert.equal((await launch(signedClaim())).lti1p1?.status, 'verified');
    const stored = await stores.lti11.getCredential(CONSUMER_KEY);
    assert.equal(stored?.name, 'Example LMS (renamed)');
    assert.equal(stored?.secret, SECRET);
    assert.deepEqual(stored?.lti13, { issuer: ISSUER, clientId: CLIENT_ID, deploymentIds: ['dep-01'] });
  });

  it('never restores a secret rotated between verification and link, and links nothing with the old one', async () => {
    const { launch, stores, afterRead } = await setup();
    afterRead.current = async (found) => {
      afterRead.current = undefined;
      if (found !== undefined) await stores.lti11.saveCredential({ ...found, secret: 'the-rotated-secret' });
    };
    const result = await launch(signedClaim());
    assert.equal(result.userId, 'u-1', 'the launch is accepted');
    assert.equal(result.lti1p1?.status === 'refused' && result.lti1p1.code, 'ERR_LTI_LTI1P1_SIGNATURE_MISMATCH');
    const stored = await stores.lti11.getCredential(CONSUMER_KEY);
    assert.equal(stored?.secret, 'the-rotated-secret');
    assert.equal(stored?.lti13, undefined);
  });

  it("under 'enforce', a check that fails at link time refuses the launch", async () => {
    const { launch, stores, afterRead } = await setup({ tool: { lti1p1Migration: 'enforce' } });
    afterRead.current = async (found) => {
      afterRead.current = undefined;
      if (found !== undefined) await stores.lti11.saveCredential({ ...found, secret: 'the-rotated-secret' });
    };
    await rejectsLtiError(launch(signedClaim()), 'ERR_LTI_LTI1P1_SIGNATURE_MISMATCH');
    assert.equal((await stores.lti11.getCredential(CONSUMER_KEY))?.lti13, undefined);
  });

  it('verifyLti1p1Migration itself writes nothing', async () => {
    const { stores, saved, context } = await setup();
    const ids = { issuer: ISSUER, clientId: CLIENT_ID, deploymentId: 'dep-01', userId: 'u-1', contextId: undefined, resourceLinkId: undefined };
    const token = { nonce: 'n-1', exp: T0 + 300, deploymentId: 'dep-01' };
    const payload = { exp: token.exp, nonce: token.nonce, [LTI_CLAIM.lti1p1]: { oauth_consumer_key: CONSUMER_KEY, oauth_consumer_key_sign: await sign(token) } };
    assert.equal((await verifyLti1p1Migration(payload, ids, context.lti11))?.status, 'verified');
    assert.equal(saved.length, 0);
    assert.equal((await stores.lti11.getCredential(CONSUMER_KEY))?.lti13, undefined);
  });

  it('reports a link made elsewhere meanwhile as KEY_LINKED_ELSEWHERE, and does not overwrite it', async () => {
    const { launch, stores, afterRead } = await setup();
    const elsewhere = { issuer: 'https://other-lms.example.org', clientId: 'c-9', deploymentIds: ['d-9'] };
    afterRead.current = async (found) => {
      afterRead.current = undefined;
      if (found !== undefined) await stores.lti11.saveCredential({ ...found, lti13: elsewhere });
    };
    const result = await launch(signedClaim());
    assert.equal(result.lti1p1?.status === 'refused' && result.lti1p1.code, 'ERR_LTI_LTI1P1_KEY_LINKED_ELSEWHERE');
    assert.deepEqual((await stores.lti11.getCredential(CONSUMER_KEY))?.lti13, elsewhere);
  });
});

describe('a refused migration: the 1.3 launch is still accepted, nothing is linked (MIG-004)', () => {
  const cases: Array<{ name: string; code: string; claim: Parameters<Awaited<ReturnType<typeof setup>>['launch']>[0]; setup?: Parameters<typeof setup>[0] }> = [
    { name: 'a claim that is not an object', code: 'ERR_LTI_LTI1P1_CLAIM_INVALID', claim: () => CONSUMER_KEY },
    { name: 'a member that is not a string', code: 'ERR_LTI_LTI1P1_CLAIM_INVALID', claim: async (token) => ({ oauth_consumer_key: 179248902, oauth_consumer_key_sign: await sign(token) }) },
    { name: 'no oauth_consumer_key', code: 'ERR_LTI_LTI1P1_CONSUMER_KEY_MISSING', claim: () => ({ user_id: '34212' }) },
    { name: 'sign missing', code: 'ERR_LTI_LTI1P1_SIGN_MISSING', claim: () => ({ user_id: '34212', oauth_consumer_key: CONSUMER_KEY }) },
    { name: 'an empty sign', code: 'ERR_LTI_LTI1P1_SIGN_MISSING', claim: () => ({ oauth_consumer_key: CONSUMER_KEY, oauth_consumer_key_sign: '' }) },
    {
      name: 'no key matched: a consumer key the tool never had',
      code: 'ERR_LTI_LTI1P1_NO_KEY_MATCHED',
      claim: async (token) => ({ oauth_consumer_key: 'ck-unknown', oauth_consumer_key_sign: await sign(token, { consumerKey: 'ck-unknown' }) }),
    },
    { name: 'no key matched: the tool has no stores.lti11', code: 'ERR_LTI_LTI1P1_NO_KEY_MATCHED', claim: signedClaim(), setup: { withStore: false } },
    {
      name: 'signature mismatch: another secret',
      code: 'ERR_LTI_LTI1P1_SIGNATURE_MISMATCH',
      claim: async (token) => ({ oauth_consumer_key: CONSUMER_KEY, oauth_consumer_key_sign: await sign(token, { secret: 'guessed-secret' }) }),
    },
    {
      name: 'signature mismatch: signed over another exp',
      code: 'ERR_LTI_LTI1P1_SIGNATURE_MISMATCH',
      claim: async (token) => ({ oauth_consumer_key: CONSUMER_KEY, oauth_consumer_key_sign: await sign(token, { exp: token.exp + 60 }) }),
    },
    {
      name: 'signature mismatch: a sign made for another client id (replayed from another tool’s launch)',
      code: 'ERR_LTI_LTI1P1_SIGNATURE_MISMATCH',
      claim: async (token) => ({ oauth_consumer_key: CONSUMER_KEY, oauth_consumer_key_sign: await sign(token, { clientId: 'c-other' }) }),
    },
    {
      name: 'key linked to another platform',
      code: 'ERR_LTI_LTI1P1_KEY_LINKED_ELSEWHERE',
      claim: signedClaim(),
      setup: { credential: credential({ lti13: { issuer: 'https://other-lms.example.org', clientId: CLIENT_ID, deploymentIds: ['dep-01'] } }) },
    },
    {
      name: 'key linked to another client id of the same platform',
      code: 'ERR_LTI_LTI1P1_KEY_LINKED_ELSEWHERE',
      claim: signedClaim(),
      setup: { credential: credential({ lti13: { issuer: ISSUER, clientId: 'c-other' } }) },
    },
  ];

  for (const refusal of cases) {
    it(`${refusal.name}: ${refusal.code}`, async () => {
      const { launch, saved, stores } = await setup(refusal.setup);
      const before = await stores.lti11.getCredential(CONSUMER_KEY);
      const result = await launch(refusal.claim);
      assert.equal(result.userId, 'u-1', 'the launch is accepted');
      assert.equal(result.lti1p1?.status, 'refused');
      assert.equal(result.lti1p1.status === 'refused' && result.lti1p1.code, refusal.code);
      assert.equal(typeof (result.lti1p1 as { message?: unknown }).message, 'string');
      assert.equal(saved.length, 0, 'nothing is linked');
      assert.deepEqual(await stores.lti11.getCredential(CONSUMER_KEY), before);
    });
  }
});

describe("lti1p1Migration: 'enforce'", () => {
  it('refuses the launch with the failed check’s code', async () => {
    const { launch } = await setup({ tool: { lti1p1Migration: 'enforce' } });
    await rejectsLtiError(launch(() => ({ oauth_consumer_key: CONSUMER_KEY })), 'ERR_LTI_LTI1P1_SIGN_MISSING');
    await rejectsLtiError(launch(async (token) => ({ oauth_consumer_key: CONSUMER_KEY, oauth_consumer_key_sign: await sign(token, { secret: 'x' }) })), 'ERR_LTI_LTI1P1_SIGNATURE_MISMATCH');
  });

  it('accepts verified launches and launches without the claim', async () => {
    const { launch } = await setup({ tool: { lti1p1Migration: 'enforce' } });
    assert.equal((await launch(signedClaim())).lti1p1?.status, 'verified');
    assert.equal((await launch(() => undefined)).lti1p1, undefined);
  });
});

describe('verifyLti1p1Migration: store failures are not refusals', () => {
  it('throws what the store threw', async () => {
    const failing = {
      getCredential: async () => {
        throw new Error('database down');
      },
      listCredentials: async () => [],
      saveCredential: async () => {},
      createCredential: async () => false,
      deleteCredential: async () => {},
    };
    const ids = { issuer: ISSUER, clientId: CLIENT_ID, deploymentId: 'dep-01', userId: 'u-1', contextId: undefined, resourceLinkId: undefined };
    const payload = { exp: T0 + 300, nonce: 'n-1', [LTI_CLAIM.lti1p1]: { oauth_consumer_key: CONSUMER_KEY, oauth_consumer_key_sign: 'x' } };
    await assert.rejects(verifyLti1p1Migration(payload, ids, failing), /database down/);
  });
});

describe('findLinkedLti11Credential (MIG-005)', () => {
  it('finds the credential a verified launch linked, by registration and deployment', async () => {
    const { launch, stores } = await setup();
    await stores.lti11.saveCredential(credential({ consumerKey: 'ck-unlinked' }));
    await launch(signedClaim());
    assert.equal((await findLinkedLti11Credential(stores.lti11, { issuer: ISSUER, clientId: CLIENT_ID }))?.consumerKey, CONSUMER_KEY);
    assert.equal((await findLinkedLti11Credential(stores.lti11, { issuer: ISSUER, clientId: CLIENT_ID, deploymentId: 'dep-01' }))?.consumerKey, CONSUMER_KEY);
    assert.equal(await findLinkedLti11Credential(stores.lti11, { issuer: ISSUER, clientId: CLIENT_ID, deploymentId: 'dep-02' }), undefined);
    assert.equal(await findLinkedLti11Credential(stores.lti11, { issuer: 'https://other-lms.example.org', clientId: CLIENT_ID }), undefined);
  });

  it('is offered by the tool, and answers undefined without stores.lti11', async () => {
    const stores = createMemoryStores();
    await stores.lti11.saveCredential(credential({ lti13: { issuer: ISSUER, clientId: CLIENT_ID, deploymentIds: ['dep-01'] } }));
    const options = { baseUrl: 'https://tool.example.com/lti', onLaunch: () => new Response() };
    const tool = createTool({ ...options, stores });
    assert.equal((await tool.findLinkedLti11Credential({ issuer: ISSUER, clientId: CLIENT_ID, deploymentId: 'dep-01' }))?.consumerKey, CONSUMER_KEY);
    const without = createTool({ ...options, stores: { ...stores, lti11: undefined } });
    assert.equal(await without.findLinkedLti11Credential({ issuer: ISSUER, clientId: CLIENT_ID }), undefined);
  });
});
