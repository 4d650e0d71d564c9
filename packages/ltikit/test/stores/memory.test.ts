import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixedClock } from '../../src/lib/clock.js';
import {
  MemoryKeyStore,
  MemoryPlatformRegistrationStore,
  MemorySingleUseStore,
  MemoryToolRegistrationStore,
  createMemoryStores,
} from '../../src/stores/memory.js';
import type { PlatformRegistration, StoredSigningKey, ToolRegistration } from '../../src/stores/types.js';

const T0 = 1_767_225_600;

describe('MemorySingleUseStore.consume', () => {
  it('returns an issued value once, then undefined', async () => {
    const store = new MemorySingleUseStore(fixedClock(T0));
    await store.issue('state', 's1', '{"a":1}', T0 + 300);
    assert.equal(await store.consume('state', 's1'), '{"a":1}');
    assert.equal(await store.consume('state', 's1'), undefined);
  });

  it('returns undefined for a key never issued', async () => {
    const store = new MemorySingleUseStore(fixedClock(T0));
    assert.equal(await store.consume('state', 'missing'), undefined);
  });

  it('separates kinds: the same key under another kind is another entry', async () => {
    const store = new MemorySingleUseStore(fixedClock(T0));
    await store.issue('state', 'k', 'state-value', T0 + 10);
    await store.issue('nonce', 'k', 'nonce-value', T0 + 10);
    assert.equal(await store.consume('nonce', 'k'), 'nonce-value');
    assert.equal(await store.consume('state', 'k'), 'state-value');
  });

  it('lets a later issue replace the value', async () => {
    const store = new MemorySingleUseStore(fixedClock(T0));
    await store.issue('state', 's', 'old', T0 + 10);
    await store.issue('state', 's', 'new', T0 + 10);
    assert.equal(await store.consume('state', 's'), 'new');
  });

  it('honours expiry with the clock: valid one second before, gone at expiresAt', async () => {
    const clock = fixedClock(T0);
    const store = new MemorySingleUseStore(clock);
    await store.issue('state', 'before', 'v', T0 + 300);
    await store.issue('state', 'at', 'v', T0 + 300);
    clock.set(T0 + 299);
    assert.equal(await store.consume('state', 'before'), 'v');
    clock.set(T0 + 300);
    assert.equal(await store.consume('state', 'at'), undefined);
  });

  it('does not bring an expired value back when the clock is moved back', async () => {
    const clock = fixedClock(T0);
    const store = new MemorySingleUseStore(clock);
    await store.issue('state', 's', 'v', T0 + 10);
    clock.advance(20);
    assert.equal(await store.consume('state', 's'), undefined);
    clock.set(T0);
    assert.equal(await store.consume('state', 's'), undefined);
  });

  it('gives the value to exactly one of many concurrent consumers', async () => {
    const store = new MemorySingleUseStore(fixedClock(T0));
    await store.issue('lti_message_hint', 'h', 'pending-launch', T0 + 60);
    const results = await Promise.all(Array.from({ length: 50 }, () => store.consume('lti_message_hint', 'h')));
    assert.deepEqual(
      results.filter((value) => value !== undefined),
      ['pending-launch'],
    );
  });
});

describe('MemorySingleUseStore.remember', () => {
  it('is true the first time, false while recorded, true again after expiry', async () => {
    const clock = fixedClock(T0);
    const store = new MemorySingleUseStore(clock);
    assert.equal(await store.remember('nonce', 'n1', T0 + 100), true);
    assert.equal(await store.remember('nonce', 'n1', T0 + 100), false);
    clock.set(T0 + 99);
    assert.equal(await store.remember('nonce', 'n1', T0 + 200), false);
    clock.set(T0 + 100);
    assert.equal(await store.remember('nonce', 'n1', T0 + 200), true);
    assert.equal(await store.remember('nonce', 'n1', T0 + 200), false);
  });

  it('separates kinds and keys', async () => {
    const store = new MemorySingleUseStore(fixedClock(T0));
    assert.equal(await store.remember('nonce', 'x', T0 + 10), true);
    assert.equal(await store.remember('jti', 'x', T0 + 10), true);
    assert.equal(await store.remember('nonce', 'y', T0 + 10), true);
  });

  it('lets exactly one of many concurrent callers record a key', async () => {
    const store = new MemorySingleUseStore(fixedClock(T0));
    const results = await Promise.all(Array.from({ length: 50 }, () => store.remember('jti', 'j', T0 + 60)));
    assert.equal(results.filter(Boolean).length, 1);
  });

  it('keeps working across the periodic sweep of expired entries', async () => {
    const clock = fixedClock(T0);
    const store = new MemorySingleUseStore(clock);
    assert.equal(await store.remember('nonce', 'kept', T0 + 10_000), true);
    for (let index = 0; index < 1100; index++) await store.remember('nonce', `short-${index}`, T0 + 1);
    clock.advance(5);
    for (let index = 0; index < 1000; index++) await store.remember('nonce', `later-${index}`, T0 + 100);
    assert.equal(await store.remember('nonce', 'kept', T0 + 10_000), false);
    assert.equal(await store.remember('nonce', 'short-0', T0 + 100), true);
  });
});

const platformRegistration = (): PlatformRegistration => ({
  issuer: 'https://lms.example.edu',
  clientId: 'c-1',
  deploymentIds: ['dep-1'],
  authorizationEndpoint: 'https://lms.example.edu/authorize',
  jwksUri: 'https://lms.example.edu/jwks',
});

describe('MemoryPlatformRegistrationStore', () => {
  it('finds every registration of an issuer and none of another', async () => {
    const store = new MemoryPlatformRegistrationStore([platformRegistration(), { ...platformRegistration(), clientId: 'c-2' }]);
    await store.savePlatform({ ...platformRegistration(), issuer: 'https://other.example.edu' });
    assert.deepEqual((await store.findPlatforms('https://lms.example.edu')).map((registration) => registration.clientId).sort(), ['c-1', 'c-2']);
    assert.deepEqual(await store.findPlatforms('https://lms.example.edu/'), []);
  });

  it('replaces a registration saved again under the same (issuer, client id) and deletes it', async () => {
    const store = new MemoryPlatformRegistrationStore();
    await store.savePlatform(platformRegistration());
    await store.savePlatform({ ...platformRegistration(), deploymentIds: ['dep-2'] });
    assert.deepEqual((await store.findPlatforms('https://lms.example.edu')).map((registration) => registration.deploymentIds), [['dep-2']]);
    await store.deletePlatform('https://lms.example.edu', 'c-1');
    assert.deepEqual(await store.findPlatforms('https://lms.example.edu'), []);
  });

  it('copies on save and hands out frozen objects: no caller can change the store', async () => {
    const initial = platformRegistration();
    const store = new MemoryPlatformRegistrationStore([initial]);
    initial.deploymentIds.push('from-initial');
    const saved = { ...platformRegistration(), clientId: 'c-2', deploymentIds: ['dep-1'] };
    await store.savePlatform(saved);
    saved.deploymentIds.push('from-saved');
    const [found] = await store.findPlatforms('https://lms.example.edu');
    // Returned registrations are frozen: changing one throws instead of changing the store.
    assert.throws(() => found!.deploymentIds.push('from-result'), TypeError);
    assert.throws(() => {
      found!.authorizationEndpoint = 'https://evil.example/authorize';
    }, TypeError);
    for (const registration of await store.findPlatforms('https://lms.example.edu')) {
      assert.deepEqual(registration.deploymentIds, ['dep-1']);
      assert.equal(registration.authorizationEndpoint, 'https://lms.example.edu/authorize');
    }
  });
});

const toolRegistration = (): ToolRegistration => ({
  clientId: 'c-1',
  name: 'Tool',
  deploymentIds: ['dep-1'],
  initiateLoginUri: 'https://tool.example.com/login',
  redirectUris: ['https://tool.example.com/launch'],
  targetLinkUri: 'https://tool.example.com/launch',
  claims: ['name'],
  customParameters: { a: '1' },
});

describe('MemoryToolRegistrationStore', () => {
  it('gets, lists, replaces and deletes tools by client id', async () => {
    const store = new MemoryToolRegistrationStore([toolRegistration()]);
    await store.saveTool({ ...toolRegistration(), clientId: 'c-2' });
    await store.saveTool({ ...toolRegistration(), name: 'Renamed' });
    assert.equal((await store.getTool('c-1'))?.name, 'Renamed');
    assert.deepEqual((await store.listTools()).map((tool) => tool.clientId).sort(), ['c-1', 'c-2']);
    await store.deleteTool('c-1');
    assert.equal(await store.getTool('c-1'), undefined);
    assert.equal(await store.getTool('unknown'), undefined);
  });

  it('copies on save and hands out frozen objects: no caller can change the store', async () => {
    const initial = toolRegistration();
    const store = new MemoryToolRegistrationStore([initial]);
    initial.redirectUris.push('https://evil.example/launch');
    const fetched = await store.getTool('c-1');
    // Returned registrations are frozen: changing one throws instead of changing the store.
    assert.throws(() => fetched!.claims.push('email'), TypeError);
    assert.throws(() => {
      fetched!.customParameters!.a = 'changed';
    }, TypeError);
    const [listed] = await store.listTools();
    assert.throws(() => {
      listed!.deploymentIds.length = 0;
    }, TypeError);
    const saved = { ...toolRegistration(), clientId: 'c-2', redirectUris: ['https://tool.example.com/launch'] };
    await store.saveTool(saved);
    saved.redirectUris.push('https://evil.example/launch');

    const again = await store.getTool('c-1');
    assert.deepEqual(again!.redirectUris, ['https://tool.example.com/launch']);
    assert.deepEqual(again!.claims, ['name']);
    assert.deepEqual(again!.customParameters, { a: '1' });
    assert.deepEqual(again!.deploymentIds, ['dep-1']);
    assert.deepEqual((await store.getTool('c-2'))!.redirectUris, ['https://tool.example.com/launch']);
  });
});

const signingKey = (kid: string): StoredSigningKey => ({
  kid,
  alg: 'RS256',
  status: 'active',
  privateJwk: { kty: 'RSA', n: 'n', e: 'AQAB', d: 'd' },
  publicJwk: { kty: 'RSA', n: 'n', e: 'AQAB' },
  createdAt: T0,
});

describe('MemoryKeyStore', () => {
  it('keeps key sets apart and deletes by kid', async () => {
    const store = new MemoryKeyStore();
    await store.saveKey('platform', signingKey('k1'));
    await store.saveKey('platform', signingKey('k2'));
    await store.saveKey('tool', signingKey('k3'));
    assert.deepEqual((await store.listKeys('platform')).map((key) => key.kid), ['k1', 'k2']);
    await store.deleteKey('platform', 'k1');
    assert.deepEqual((await store.listKeys('platform')).map((key) => key.kid), ['k2']);
    assert.deepEqual((await store.listKeys('tool')).map((key) => key.kid), ['k3']);
    assert.deepEqual(await store.listKeys('none'), []);
  });

  it('clones: mutating a saved or listed key does not change the store', async () => {
    const store = new MemoryKeyStore();
    const key = signingKey('k1');
    await store.saveKey('platform', key);
    key.status = 'retired';
    const [listed] = await store.listKeys('platform');
    listed!.privateJwk.d = 'leaked';
    const [again] = await store.listKeys('platform');
    assert.equal(again!.status, 'active');
    assert.equal(again!.privateJwk.d, 'd');
  });
});

describe('createMemoryStores', () => {
  it('gives the single-use store the clock it is given', async () => {
    const clock = fixedClock(T0);
    const stores = createMemoryStores(clock);
    await stores.singleUse.issue('state', 's', 'v', T0 + 1);
    clock.advance(1);
    assert.equal(await stores.singleUse.consume('state', 's'), undefined);
  });
});

describe('MemorySingleUseStore.peek', () => {
  it('reads without spending, and honours expiry', async () => {
    const clock = fixedClock(1_000);
    const store = new MemorySingleUseStore(clock);
    await store.issue('state', 's1', 'v', 1_010);
    assert.equal(await store.peek('state', 's1'), 'v');
    assert.equal(await store.peek('state', 's1'), 'v');
    assert.equal(await store.consume('state', 's1'), 'v');
    assert.equal(await store.peek('state', 's1'), undefined);
    await store.issue('state', 's2', 'w', 1_010);
    clock.advance(10);
    assert.equal(await store.peek('state', 's2'), undefined);
  });
});
