// The behaviour every store backend must have, as one suite: memory runs it here, durable
// backends (SQLite, PostgreSQL) run the same function against their own stores. Time comes from
// the clock the factory hands back, so expiry is tested without waiting.
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { Clock } from '../../src/lib/clock.js';
import type {
  KeyStore,
  PlatformRegistration,
  PlatformRegistrationStore,
  SingleUseStore,
  StoredSigningKey,
  ToolRegistration,
  ToolRegistrationStore,
} from '../../src/stores/types.js';

export interface StoresUnderTest {
  singleUse: SingleUseStore;
  keys: KeyStore;
  platforms: PlatformRegistrationStore;
  tools: ToolRegistrationStore;
  /** The clock the stores read; the suite moves it. */
  clock: Clock & { advance(seconds: number): void };
}

const platform = (overrides: Partial<PlatformRegistration> = {}): PlatformRegistration => ({
  issuer: 'https://lms.example.edu',
  clientId: 'c-1',
  deploymentIds: ['dep-1'],
  authorizationEndpoint: 'https://lms.example.edu/authorize',
  jwksUri: 'https://lms.example.edu/jwks',
  ...overrides,
});

/** A registered tool for store tests; durable backends' own tests reuse it. */
export const tool = (overrides: Partial<ToolRegistration> = {}): ToolRegistration => ({
  clientId: 'tool-1',
  name: 'Quiz',
  deploymentIds: ['d-1'],
  initiateLoginUri: 'https://tool.example.com/login',
  redirectUris: ['https://tool.example.com/launch'],
  targetLinkUri: 'https://tool.example.com/launch',
  claims: ['name'],
  ...overrides,
});

const signingKey = (kid: string, status: StoredSigningKey['status'] = 'active'): StoredSigningKey => ({
  kid,
  alg: 'RS256',
  status,
  privateJwk: { kty: 'RSA', kid, n: 'n', e: 'AQAB', d: 'secret' },
  publicJwk: { kty: 'RSA', kid, n: 'n', e: 'AQAB' },
  createdAt: 1,
});

/** Runs the store contract against the stores `create` makes (fresh ones for every test). */
export function describeStoreContract(backend: string, create: () => Promise<StoresUnderTest>): void {
  describe(`store contract: ${backend}`, () => {
    let stores: StoresUnderTest;
    beforeEach(async () => {
      stores = await create();
    });

    describe('SingleUseStore', () => {
      it('hands a value out once, and peek does not spend it', async () => {
        const now = stores.clock.now();
        await stores.singleUse.issue('state', 's-1', '{"a":1}', now + 60);
        assert.equal(await stores.singleUse.peek('state', 's-1'), '{"a":1}');
        assert.equal(await stores.singleUse.consume('state', 's-1'), '{"a":1}');
        assert.equal(await stores.singleUse.consume('state', 's-1'), undefined);
        assert.equal(await stores.singleUse.peek('state', 's-1'), undefined);
      });

      it('keeps kinds apart and lets a later issue replace a value', async () => {
        const now = stores.clock.now();
        await stores.singleUse.issue('state', 'k', 'state-value', now + 60);
        await stores.singleUse.issue('nonce', 'k', 'nonce-value', now + 60);
        await stores.singleUse.issue('state', 'k', 'replaced', now + 60);
        assert.equal(await stores.singleUse.consume('nonce', 'k'), 'nonce-value');
        assert.equal(await stores.singleUse.consume('state', 'k'), 'replaced');
      });

      it('forgets values at their expiry', async () => {
        const now = stores.clock.now();
        await stores.singleUse.issue('state', 'short', 'v', now + 10);
        stores.clock.advance(10);
        assert.equal(await stores.singleUse.peek('state', 'short'), undefined);
        assert.equal(await stores.singleUse.consume('state', 'short'), undefined);
      });

      it('remembers a key once until it expires', async () => {
        const now = stores.clock.now();
        assert.equal(await stores.singleUse.remember('jti', 'j-1', now + 30), true);
        assert.equal(await stores.singleUse.remember('jti', 'j-1', now + 30), false);
        stores.clock.advance(30);
        assert.equal(await stores.singleUse.remember('jti', 'j-1', now + 90), true);
      });

      it('lets exactly one of many concurrent callers consume or remember a key', async () => {
        const now = stores.clock.now();
        await stores.singleUse.issue('state', 'race', 'v', now + 60);
        const consumed = await Promise.all(Array.from({ length: 25 }, () => stores.singleUse.consume('state', 'race')));
        assert.equal(consumed.filter((value) => value === 'v').length, 1);
        const remembered = await Promise.all(Array.from({ length: 25 }, () => stores.singleUse.remember('nonce', 'race', now + 60)));
        assert.equal(remembered.filter(Boolean).length, 1);
      });
    });

    describe('KeyStore', () => {
      it('saves, updates by kid, lists per key set and deletes', async () => {
        await stores.keys.saveKey('platform', signingKey('k-1'));
        await stores.keys.saveKey('platform', signingKey('k-2', 'next'));
        await stores.keys.saveKey('tool', signingKey('k-9'));
        await stores.keys.saveKey('platform', { ...signingKey('k-1', 'retired'), retiredAt: 5, removeAfter: 10 });
        const platformKeys = (await stores.keys.listKeys('platform')).sort((a, b) => a.kid.localeCompare(b.kid));
        assert.deepEqual(
          platformKeys.map((key) => [key.kid, key.status, key.removeAfter]),
          [
            ['k-1', 'retired', 10],
            ['k-2', 'next', undefined],
          ],
        );
        assert.deepEqual(platformKeys[0]?.privateJwk, signingKey('k-1').privateJwk);
        await stores.keys.deleteKey('platform', 'k-1');
        assert.deepEqual((await stores.keys.listKeys('platform')).map((key) => key.kid), ['k-2']);
        assert.deepEqual((await stores.keys.listKeys('tool')).map((key) => key.kid), ['k-9']);
        assert.deepEqual(await stores.keys.listKeys('nobody'), []);
      });
    });

    describe('PlatformRegistrationStore', () => {
      it('finds every client id of an issuer, replaces on save and deletes one', async () => {
        await stores.platforms.savePlatform(platform());
        await stores.platforms.savePlatform(platform({ clientId: 'c-2', deploymentIds: [] }));
        await stores.platforms.savePlatform(platform({ issuer: 'https://other.example' }));
        await stores.platforms.savePlatform(platform({ deploymentIds: ['dep-1', 'dep-2'], tokenEndpoint: 'https://lms.example.edu/token' }));
        const found = (await stores.platforms.findPlatforms('https://lms.example.edu')).sort((a, b) => a.clientId.localeCompare(b.clientId));
        assert.deepEqual(
          found.map((registration) => [registration.clientId, registration.deploymentIds, registration.tokenEndpoint]),
          [
            ['c-1', ['dep-1', 'dep-2'], 'https://lms.example.edu/token'],
            ['c-2', [], undefined],
          ],
        );
        await stores.platforms.deletePlatform('https://lms.example.edu', 'c-1');
        assert.deepEqual((await stores.platforms.findPlatforms('https://lms.example.edu')).map((registration) => registration.clientId), ['c-2']);
        assert.deepEqual(await stores.platforms.findPlatforms('https://nobody.example'), []);
      });
    });

    describe('ToolRegistrationStore', () => {
      it('gets, lists, replaces and deletes tools', async () => {
        await stores.tools.saveTool(tool());
        await stores.tools.saveTool(tool({ clientId: 'tool-2', customParameters: { course: '$Context.id' }, scopes: ['s'] }));
        await stores.tools.saveTool(tool({ name: 'Quiz v2', claims: ['name', 'email'] }));
        assert.deepEqual((await stores.tools.getTool('tool-1'))?.claims, ['name', 'email']);
        assert.equal((await stores.tools.getTool('tool-1'))?.name, 'Quiz v2');
        assert.deepEqual((await stores.tools.getTool('tool-2'))?.customParameters, { course: '$Context.id' });
        assert.deepEqual((await stores.tools.listTools()).map((item) => item.clientId).sort(), ['tool-1', 'tool-2']);
        await stores.tools.deleteTool('tool-1');
        assert.equal(await stores.tools.getTool('tool-1'), undefined);
        assert.deepEqual((await stores.tools.listTools()).map((item) => item.clientId), ['tool-2']);
      });
    });
  });
}
