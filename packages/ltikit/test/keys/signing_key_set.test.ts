import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { base64url, createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { LtiError, type LtiErrorCode } from '../../src/errors.js';
import type { SigningAlgorithm } from '../../src/keys/algorithms.js';
import { exportPublicJwk, generateSigningKey, importSigningKey } from '../../src/keys/generate_signing_key.js';
import { SigningKeySet } from '../../src/keys/signing_key_set.js';
import { fixedClock } from '../../src/lib/clock.js';
import { MemoryKeyStore } from '../../src/stores/memory.js';

const T0 = 1_700_000_000;
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'];

async function rejectsWithCode(promise: Promise<unknown>, code: LtiErrorCode): Promise<void> {
  await assert.rejects(promise, (error: unknown) => error instanceof LtiError && error.code === code);
}

function throwsWithCode(run: () => unknown, code: LtiErrorCode): void {
  assert.throws(run, (error: unknown) => error instanceof LtiError && error.code === code);
}

describe('generateSigningKey', () => {
  it('creates an RSA 2048 key in status next with a public JWK of public members only', async () => {
    const key = await generateSigningKey({ now: T0 });
    assert.equal(key.alg, 'RS256');
    assert.equal(key.status, 'next');
    assert.equal(key.createdAt, T0);
    assert.match(key.kid, /^[0-9a-f-]{36}$/);
    assert.deepEqual(Object.keys(key.publicJwk).sort(), ['alg', 'e', 'kid', 'kty', 'n', 'use']);
    assert.equal(key.publicJwk.kid, key.kid);
    assert.equal(key.publicJwk.use, 'sig');
    assert.equal(base64url.decode(key.publicJwk.n ?? '').byteLength * 8, 2048);
    assert.equal(typeof key.privateJwk.d, 'string');
  });

  it('creates an EC P-256 key for ES256 and honours a given kid', async () => {
    const key = await generateSigningKey({ alg: 'ES256', kid: 'tool-2024-01', now: T0 });
    assert.equal(key.kid, 'tool-2024-01');
    assert.deepEqual(Object.keys(key.publicJwk).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    assert.equal(key.publicJwk.crv, 'P-256');
  });

  it('gives each key a different random kid', async () => {
    const [a, b] = await Promise.all([generateSigningKey({ alg: 'ES256', now: T0 }), generateSigningKey({ alg: 'ES256', now: T0 })]);
    assert.notEqual(a.kid, b.kid);
  });

  it('refuses algorithms that are not approved', async () => {
    await rejectsWithCode(generateSigningKey({ alg: 'HS256' as SigningAlgorithm, now: T0 }), 'ERR_LTI_KEY_UNSUPPORTED_ALG');
    await rejectsWithCode(generateSigningKey({ alg: 'none' as SigningAlgorithm, now: T0 }), 'ERR_LTI_KEY_UNSUPPORTED_ALG');
  });
});

describe('importSigningKey and exportPublicJwk', () => {
  it('round-trips a generated private JWK', async () => {
    const original = await generateSigningKey({ alg: 'ES384', now: T0 });
    const imported = await importSigningKey(original.privateJwk, { now: T0 + 1 });
    assert.equal(imported.kid, original.kid);
    assert.equal(imported.alg, 'ES384');
    assert.equal(imported.createdAt, T0 + 1);
    assert.deepEqual(imported.publicJwk, original.publicJwk);
  });

  it('infers RS256 for an RSA key without alg and takes a kid', async () => {
    const original = await generateSigningKey({ now: T0 });
    const { alg: _alg, kid: _kid, use: _use, ...bare } = original.privateJwk;
    const imported = await importSigningKey(bare, { kid: 'k-imported', status: 'active' });
    assert.equal(imported.alg, 'RS256');
    assert.equal(imported.kid, 'k-imported');
    assert.equal(imported.status, 'active');
    assert.equal(imported.publicJwk.n, original.publicJwk.n);
  });

  it('refuses public keys, mismatched halves, and keys that do not fit the algorithm', async () => {
    const rsa = await generateSigningKey({ now: T0 });
    const other = await generateSigningKey({ now: T0 });
    const ec = await generateSigningKey({ alg: 'ES256', now: T0 });
    await rejectsWithCode(importSigningKey(rsa.publicJwk), 'ERR_LTI_KEY_INVALID');
    await rejectsWithCode(importSigningKey({ ...rsa.privateJwk, n: other.publicJwk.n }), 'ERR_LTI_KEY_INVALID');
    await rejectsWithCode(importSigningKey(ec.privateJwk, { alg: 'ES384' }), 'ERR_LTI_KEY_INVALID');
    await rejectsWithCode(importSigningKey({ ...rsa.privateJwk, alg: 'HS256' }), 'ERR_LTI_KEY_UNSUPPORTED_ALG');
    await rejectsWithCode(importSigningKey({ kty: 'oct', k: 'c2VjcmV0', d: 'x' }), 'ERR_LTI_KEY_INVALID');
  });

  it('drops private members when exporting a public JWK, and refuses symmetric keys', async () => {
    const rsa = await generateSigningKey({ now: T0 });
    const exported = exportPublicJwk(rsa.privateJwk);
    for (const member of PRIVATE_MEMBERS) assert.equal(member in exported, false, member);
    assert.equal(exported.n, rsa.publicJwk.n);
    throwsWithCode(() => exportPublicJwk({ kty: 'oct', k: 'c2VjcmV0' }), 'ERR_LTI_KEY_INVALID');
  });
});

for (const algorithm of ['RS256', 'ES256'] as const) {
  describe(`SigningKeySet (${algorithm})`, () => {
    const setup = (cacheSeconds = 5) => {
      const clock = fixedClock(T0);
      const store = new MemoryKeyStore();
      const keys = new SigningKeySet({ store, keySetId: 'platform', clock, algorithm, retiredKeyLifetimeSeconds: 3600, cacheSeconds });
      return { clock, store, keys };
    };
    const verify = async (token: string, jwks: { keys: object[] }, clock: { now(): number }) =>
      jwtVerify(token, createLocalJWKSet(jwks as Parameters<typeof createLocalJWKSet>[0]), { currentDate: new Date(clock.now() * 1000) });

    it('creates and activates a first key on first use, and signs with alg and kid in the header', async () => {
      const { clock, store, keys } = setup();
      const active = await keys.activeKey();
      assert.equal(active.alg, algorithm);
      const stored = await store.listKeys('platform');
      assert.equal(stored.length, 1);
      assert.equal(stored[0]?.status, 'active');
      assert.equal(stored[0]?.activatedAt, T0);

      const token = await keys.sign({ iss: 'https://lms.example.edu', iat: T0, exp: T0 + 300 }, { typ: 'JWT' });
      assert.deepEqual(decodeProtectedHeader(token), { alg: algorithm, kid: active.kid, typ: 'JWT' });
      const { payload } = await verify(token, await keys.jwks(), clock);
      assert.equal(payload.iss, 'https://lms.example.edu');
      assert.equal(payload.iat, T0); // the caller's timestamps, nothing added
      assert.equal('jti' in payload, false);
    });

    it('reuses the imported CryptoKey instead of importing again', async () => {
      const { keys } = setup();
      const first = await keys.activeKey();
      const second = await keys.activeKey();
      assert.equal(first.key, second.key);
      assert.equal(first.key.extractable, false);
    });

    it('creates only one first key when called concurrently', async () => {
      const { store, keys } = setup();
      const results = await Promise.all([keys.activeKey(), keys.activeKey(), keys.jwks()]);
      assert.equal(results[0].kid, results[1].kid);
      assert.equal((await store.listKeys('platform')).length, 1);
    });

    it('publishes public members only', async () => {
      const { keys } = setup();
      await keys.activeKey();
      await keys.prepareNext();
      const jwks = await keys.jwks();
      assert.equal(jwks.keys.length, 2);
      for (const jwk of jwks.keys) {
        for (const member of PRIVATE_MEMBERS) assert.equal(member in jwk, false, member);
        assert.equal(jwk.use, 'sig');
        assert.equal(jwk.alg, algorithm);
        assert.equal(typeof jwk.kid, 'string');
      }
      for (const info of await keys.list()) assert.equal('privateJwk' in info, false);
    });

    it('rotates next → active → retired, keeps the retired key published until removeAfter, then prunes it', async () => {
      const { clock, keys } = setup();
      const first = await keys.activeKey();
      const oldToken = await keys.sign({ sub: 'a', iat: T0, exp: T0 + 3600 });

      clock.advance(10);
      const next = await keys.prepareNext();
      assert.equal(next.status, 'next');
      assert.equal((await keys.prepareNext()).kid, next.kid, 'a second prepareNext reuses the pending next key');
      assert.equal((await keys.activeKey()).kid, first.kid, 'a next key does not sign');
      assert.deepEqual((await keys.jwks()).keys.map((jwk) => jwk.kid).sort(), [first.kid, next.kid].sort());

      clock.advance(10);
      const rotation = await keys.rotate();
      assert.equal(rotation.activated.kid, next.kid);
      assert.equal(rotation.activated.status, 'active');
      assert.equal(rotation.activated.activatedAt, T0 + 20);
      assert.deepEqual(rotation.retired.map((key) => key.kid), [first.kid]);
      assert.equal(rotation.retired[0]?.retiredAt, T0 + 20);
      assert.equal(rotation.retired[0]?.removeAfter, T0 + 20 + 3600);
      assert.equal('privateJwk' in rotation.activated, false);

      const listed = await keys.list();
      assert.deepEqual(listed.filter((key) => key.status === 'active').map((key) => key.kid), [next.kid]);
      assert.deepEqual(listed.filter((key) => key.status === 'retired').map((key) => key.kid), [first.kid]);

      const newToken = await keys.sign({ sub: 'b', iat: T0 + 20, exp: T0 + 320 });
      assert.equal(decodeProtectedHeader(newToken).kid, next.kid);
      // The token signed before the rotation still verifies against what is published now.
      await verify(oldToken, await keys.jwks(), clock);
      await verify(newToken, await keys.jwks(), clock);

      clock.set(T0 + 20 + 3599);
      assert.ok((await keys.jwks()).keys.some((jwk) => jwk.kid === first.kid));
      assert.deepEqual(await keys.prune(), []);

      clock.set(T0 + 20 + 3600);
      assert.equal((await keys.jwks()).keys.some((jwk) => jwk.kid === first.kid), false);
      assert.deepEqual(await keys.prune(), [first.kid]);
      assert.deepEqual((await keys.list()).map((key) => key.kid), [next.kid]);
      assert.deepEqual(await keys.prune(), []);
    });

    it('rotates to a freshly generated key when no next key was prepared', async () => {
      const { keys } = setup();
      const first = await keys.activeKey();
      const { activated, retired } = await keys.rotate();
      assert.notEqual(activated.kid, first.kid);
      assert.deepEqual(retired.map((key) => key.kid), [first.kid]);
      assert.equal((await keys.activeKey()).kid, activated.kid);
      assert.equal((await keys.list()).filter((key) => key.status === 'active').length, 1);
    });

    it('lets another instance on the same store see a rotation after cacheSeconds', async () => {
      const clock = fixedClock(T0);
      const store = new MemoryKeyStore();
      const options = { store, keySetId: 'platform', clock, algorithm, retiredKeyLifetimeSeconds: 600, cacheSeconds: 5 };
      const a = new SigningKeySet(options);
      const b = new SigningKeySet(options);
      const first = await a.activeKey();
      assert.equal((await b.activeKey()).kid, first.kid);

      const { activated } = await a.rotate();
      assert.equal((await a.activeKey()).kid, activated.kid);
      assert.equal((await b.activeKey()).kid, first.kid, 'b still uses its cached read');
      clock.advance(4);
      assert.equal((await b.activeKey()).kid, first.kid);
      clock.advance(1);
      assert.equal((await b.activeKey()).kid, activated.kid);
      // b's token verifies with a's published set.
      const token = await b.sign({ iat: clock.now(), exp: clock.now() + 60 });
      await verify(token, await a.jwks(), clock);
    });

    it('keeps key sets of one store apart', async () => {
      const { store, keys } = setup();
      const other = new SigningKeySet({ store, keySetId: 'tool', algorithm, retiredKeyLifetimeSeconds: 60 });
      assert.notEqual((await keys.activeKey()).kid, (await other.activeKey()).kid);
      assert.equal((await keys.jwks()).keys.length, 1);
    });
  });
}

describe('SigningKeySet edge cases', () => {
  it('refuses to sign when the set holds keys but none is active', async () => {
    const keys = new SigningKeySet({ store: new MemoryKeyStore(), keySetId: 'p', clock: fixedClock(T0), retiredKeyLifetimeSeconds: 60 });
    await keys.prepareNext({ alg: 'ES256' });
    await rejectsWithCode(keys.activeKey(), 'ERR_LTI_NO_ACTIVE_KEY');
    const { activated } = await keys.rotate({ alg: 'ES256' });
    assert.equal((await keys.activeKey()).alg, 'ES256');
    assert.equal(activated.alg, 'ES256');
  });

  it('can rotate to another algorithm', async () => {
    const keys = new SigningKeySet({ store: new MemoryKeyStore(), keySetId: 'p', clock: fixedClock(T0), retiredKeyLifetimeSeconds: 60 });
    assert.equal((await keys.activeKey()).alg, 'RS256');
    await keys.rotate({ alg: 'ES512' });
    assert.equal((await keys.activeKey()).alg, 'ES512');
  });

  it('validates its options', () => {
    const store = new MemoryKeyStore();
    throwsWithCode(() => new SigningKeySet({ store, keySetId: 'p', retiredKeyLifetimeSeconds: -1 }), 'ERR_LTI_PLATFORM_CONFIG_INVALID');
    throwsWithCode(() => new SigningKeySet({ store, keySetId: 'p', retiredKeyLifetimeSeconds: Number.NaN }), 'ERR_LTI_PLATFORM_CONFIG_INVALID');
    throwsWithCode(() => new SigningKeySet({ store, keySetId: '', retiredKeyLifetimeSeconds: 60 }), 'ERR_LTI_PLATFORM_CONFIG_INVALID');
    throwsWithCode(() => new SigningKeySet({ store, keySetId: 'p', retiredKeyLifetimeSeconds: 60, algorithm: 'HS256' as SigningAlgorithm }), 'ERR_LTI_KEY_UNSUPPORTED_ALG');
  });

  it('refuses to rotate to an unapproved algorithm', async () => {
    const keys = new SigningKeySet({ store: new MemoryKeyStore(), keySetId: 'p', retiredKeyLifetimeSeconds: 60 });
    await assert.rejects(async () => keys.rotate({ alg: 'HS256' as SigningAlgorithm }), (error: unknown) => error instanceof LtiError && error.code === 'ERR_LTI_KEY_UNSUPPORTED_ALG');
  });
});
