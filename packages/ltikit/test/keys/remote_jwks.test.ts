import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exportJWK, importJWK, type JWK, jwtVerify, SignJWT } from 'jose';
import { LtiError, type LtiErrorCode } from '../../src/errors.js';
import { generateSigningKey } from '../../src/keys/generate_signing_key.js';
import { keyFromStaticJwk, RemoteJwksCache } from '../../src/keys/remote_jwks.js';
import { fixedClock } from '../../src/lib/clock.js';
import type { FetchLike } from '../../src/lib/guarded_fetch.js';
import type { StoredSigningKey } from '../../src/stores/types.js';

const T0 = 1_700_000_000;
const URI = 'https://lms.example.edu/.well-known/jwks.json';

async function rejectsWithCode(promise: Promise<unknown>, code: LtiErrorCode): Promise<void> {
  let caught: unknown;
  await assert.rejects(promise, (error: unknown) => {
    caught = error;
    return true;
  });
  assert.ok(caught instanceof LtiError, `expected an LtiError, got ${String(caught)}`);
  assert.equal(caught.code, code);
}

interface FakeServer {
  fetch: FetchLike;
  calls: string[];
  /** What the next fetch answers: a JWKS document (JSON), a raw string, or a thrown error. */
  respond: (next: { keys?: JWK[]; raw?: string; status?: number; headers?: Record<string, string>; fail?: boolean }) => void;
}

function fakeServer(initial: { keys: JWK[]; headers?: Record<string, string> }): FakeServer {
  let current: { keys?: JWK[]; raw?: string; status?: number; headers?: Record<string, string>; fail?: boolean } = initial;
  const calls: string[] = [];
  return {
    calls,
    respond: (next) => {
      current = next;
    },
    fetch: async (input) => {
      calls.push(input);
      if (current.fail === true) throw new TypeError('fetch failed');
      const body = current.raw ?? JSON.stringify({ keys: current.keys ?? [] });
      return new Response(body, { status: current.status ?? 200, headers: { 'content-type': 'application/json', ...current.headers } });
    },
  };
}

const rsa = await generateSigningKey({ alg: 'RS256', kid: 'rsa-1', now: T0 });
const rsa2 = await generateSigningKey({ alg: 'RS256', kid: 'rsa-2', now: T0 });
const ec = await generateSigningKey({ alg: 'ES256', kid: 'ec-1', now: T0 });

async function signWith(key: StoredSigningKey, payload: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: key.alg, kid: key.kid }).sign(await importJWK(key.privateJwk, key.alg));
}

describe('RemoteJwksCache', () => {
  it('fetches once and serves later lookups from the cache', async () => {
    const server = fakeServer({ keys: [rsa.publicJwk, ec.publicJwk] });
    const cache = new RemoteJwksCache({ fetch: server.fetch, clock: fixedClock(T0) });
    const first = await cache.getKey(URI, { kid: 'rsa-1', alg: 'RS256' });
    const again = await cache.getKey(URI, { kid: 'rsa-1', alg: 'RS256' });
    await cache.getKey(URI, { kid: 'ec-1', alg: 'ES256' });
    assert.equal(cache.stats(URI).fetches, 1);
    assert.equal(server.calls.length, 1);
    assert.equal(first, again, 'the imported CryptoKey is cached');
    assert.equal(first.type, 'public');
  });

  it('verifies JWTs through jose as a key function', async () => {
    const server = fakeServer({ keys: [rsa.publicJwk, ec.publicJwk] });
    const cache = new RemoteJwksCache({ fetch: server.fetch });
    for (const key of [rsa, ec]) {
      const token = await signWith(key, { sub: key.kid });
      const { payload } = await jwtVerify(token, (header) => cache.getKey(URI, header));
      assert.equal(payload.sub, key.kid);
    }
  });

  it('honours Cache-Control max-age with a fixed clock', async () => {
    const clock = fixedClock(T0);
    const server = fakeServer({ keys: [rsa.publicJwk], headers: { 'cache-control': 'public, max-age=120' } });
    const cache = new RemoteJwksCache({ fetch: server.fetch, clock });
    await cache.getKey(URI, { kid: 'rsa-1', alg: 'RS256' });
    clock.advance(119);
    await cache.getKey(URI, { kid: 'rsa-1', alg: 'RS256' });
    assert.equal(cache.stats(URI).fetches, 1);
    clock.advance(1);
    await cache.getKey(URI, { kid: 'rsa-1', alg: 'RS256' });
    assert.equal(cache.stats(URI).fetches, 2);
  });

  it('clamps max-age to [min, max], uses the default without it, and the minimum for no-store', async () => {
    const cases: Array<{ header?: string; lifetime: number }> = [
      { header: 'max-age=5', lifetime: 60 },
      { header: 'max-age=999999', lifetime: 86400 },
      { lifetime: 600 },
      { header: 'no-store', lifetime: 60 },
      { header: 'no-cache, max-age=3000', lifetime: 60 },
      { header: 'max-age=oops', lifetime: 600 },
    ];
    for (const { header, lifetime } of cases) {
      const clock = fixedClock(T0);
      const server = fakeServer({ keys: [rsa.publicJwk], headers: header === undefined ? {} : { 'cache-control': header } });
      const cache = new RemoteJwksCache({ fetch: server.fetch, clock });
      await cache.getKey(URI, { kid: 'rsa-1', alg: 'RS256' });
      clock.advance(lifetime - 1);
      await cache.getKey(URI, { kid: 'rsa-1', alg: 'RS256' });
      assert.equal(cache.stats(URI).fetches, 1, `${header}: still fresh at ${lifetime - 1}s`);
      clock.advance(1);
      await cache.getKey(URI, { kid: 'rsa-1', alg: 'RS256' });
      assert.equal(cache.stats(URI).fetches, 2, `${header}: expired at ${lifetime}s`);
    }
  });

  it('refetches once on an unknown kid, then rate-limits refetches per URI', async () => {
    const clock = fixedClock(T0);
    const server = fakeServer({ keys: [rsa.publicJwk] });
    const cache = new RemoteJwksCache({ fetch: server.fetch, clock, refetchCooldownSeconds: 30 });
    await cache.getKey(URI, { kid: 'rsa-1', alg: 'RS256' });

    // Just fetched: an unknown kid does not refetch within the cooldown.
    await rejectsWithCode(cache.getKey(URI, { kid: 'rsa-2', alg: 'RS256' }), 'ERR_LTI_JWT_KID_UNKNOWN');
    assert.equal(cache.stats(URI).fetches, 1);

    clock.advance(30);
    await rejectsWithCode(cache.getKey(URI, { kid: 'rsa-2', alg: 'RS256' }), 'ERR_LTI_JWT_KID_UNKNOWN');
    assert.equal(cache.stats(URI).fetches, 2, 'one refetch for the unknown kid');
    for (const kid of ['rsa-2', 'random-1', 'random-2']) {
      await rejectsWithCode(cache.getKey(URI, { kid, alg: 'RS256' }), 'ERR_LTI_JWT_KID_UNKNOWN');
    }
    assert.equal(cache.stats(URI).fetches, 2, 'further unknown kids are rate-limited');

    // The peer rotates: after the cooldown the new kid is found.
    server.respond({ keys: [rsa.publicJwk, rsa2.publicJwk] });
    clock.advance(30);
    const key = await cache.getKey(URI, { kid: 'rsa-2', alg: 'RS256' });
    assert.equal(key.type, 'public');
    assert.equal(cache.stats(URI).fetches, 3);
  });

  it('shares one in-flight fetch between concurrent callers', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let calls = 0;
    const fetch: FetchLike = async () => {
      calls++;
      await gate;
      return new Response(JSON.stringify({ keys: [rsa.publicJwk, ec.publicJwk] }));
    };
    const cache = new RemoteJwksCache({ fetch, clock: fixedClock(T0) });
    const lookups = [
      cache.getKey(URI, { kid: 'rsa-1', alg: 'RS256' }),
      cache.getKey(URI, { kid: 'rsa-1', alg: 'RS256' }),
      cache.getKey(URI, { kid: 'ec-1', alg: 'ES256' }),
      cache.getKey(URI, { kid: 'ec-1', alg: 'ES256' }),
    ];
    release();
    const keys = await Promise.all(lookups);
    assert.equal(calls, 1);
    assert.equal(cache.stats(URI).fetches, 1);
    assert.equal(keys[0], keys[1]);
  });

  it('lets callers with an unknown kid wait for a refetch already under way', async () => {
    const clock = fixedClock(T0);
    const server = fakeServer({ keys: [rsa.publicJwk] });
    const cache = new RemoteJwksCache({ fetch: server.fetch, clock });
    await cache.getKey(URI, { kid: 'rsa-1', alg: 'RS256' });
    server.respond({ keys: [rsa.publicJwk, rsa2.publicJwk] });
    clock.advance(30);
    const [a, b] = await Promise.all([cache.getKey(URI, { kid: 'rsa-2', alg: 'RS256' }), cache.getKey(URI, { kid: 'rsa-2', alg: 'RS256' })]);
    assert.equal(a, b);
    assert.equal(cache.stats(URI).fetches, 2);
  });

  it('rejects a key whose type, curve or own alg does not fit the header alg', async () => {
    const server = fakeServer({ keys: [rsa.publicJwk, ec.publicJwk] });
    const cache = new RemoteJwksCache({ fetch: server.fetch, clock: fixedClock(T0) });
    await rejectsWithCode(cache.getKey(URI, { kid: 'rsa-1', alg: 'ES256' }), 'ERR_LTI_JWT_ALG_KEY_MISMATCH');
    await rejectsWithCode(cache.getKey(URI, { kid: 'ec-1', alg: 'RS256' }), 'ERR_LTI_JWT_ALG_KEY_MISMATCH');
    await rejectsWithCode(cache.getKey(URI, { kid: 'ec-1', alg: 'ES384' }), 'ERR_LTI_JWT_ALG_KEY_MISMATCH');
    // RSA fits RS384 by type, but the JWK says it is for RS256 only.
    await rejectsWithCode(cache.getKey(URI, { kid: 'rsa-1', alg: 'RS384' }), 'ERR_LTI_JWT_ALG_KEY_MISMATCH');
  });

  it('accepts an RSA key without alg for any RS* algorithm', async () => {
    const { alg: _alg, ...withoutAlg } = rsa.publicJwk;
    const server = fakeServer({ keys: [withoutAlg] });
    const cache = new RemoteJwksCache({ fetch: server.fetch, clock: fixedClock(T0) });
    const key = await cache.getKey(URI, { kid: 'rsa-1', alg: 'RS512' });
    assert.deepEqual((key.algorithm as RsaHashedKeyAlgorithm).hash, { name: 'SHA-512' });
  });

  it('requires a kid and an approved alg before fetching anything', async () => {
    const server = fakeServer({ keys: [rsa.publicJwk] });
    const cache = new RemoteJwksCache({ fetch: server.fetch });
    await rejectsWithCode(cache.getKey(URI, { alg: 'RS256' }), 'ERR_LTI_JWT_KID_MISSING');
    await rejectsWithCode(cache.getKey(URI, { kid: '', alg: 'RS256' }), 'ERR_LTI_JWT_KID_MISSING');
    for (const alg of ['none', 'HS256', 'PS256', undefined]) {
      await rejectsWithCode(cache.getKey(URI, alg === undefined ? { kid: 'rsa-1' } : { kid: 'rsa-1', alg }), 'ERR_LTI_JWT_ALG_NOT_ALLOWED');
    }
    assert.equal(server.calls.length, 0);
  });

  it('refuses http JWKS URLs unless allowInsecureLoopback is set for a loopback host', async () => {
    const server = fakeServer({ keys: [rsa.publicJwk] });
    const strict = new RemoteJwksCache({ fetch: server.fetch });
    await rejectsWithCode(strict.getKey('http://lms.example.edu/jwks', { kid: 'rsa-1', alg: 'RS256' }), 'ERR_LTI_FETCH_INSECURE_URL');
    await rejectsWithCode(strict.getKey('http://127.0.0.1:8080/jwks', { kid: 'rsa-1', alg: 'RS256' }), 'ERR_LTI_FETCH_INSECURE_URL');
    assert.equal(server.calls.length, 0);

    const development = new RemoteJwksCache({ fetch: server.fetch, allowInsecureLoopback: true });
    await rejectsWithCode(development.getKey('http://lms.example.edu/jwks', { kid: 'rsa-1', alg: 'RS256' }), 'ERR_LTI_FETCH_INSECURE_URL');
    await development.getKey('http://127.0.0.1:8080/jwks', { kid: 'rsa-1', alg: 'RS256' });
    assert.deepEqual(server.calls, ['http://127.0.0.1:8080/jwks']);
  });

  it('refuses an oversized document, streamed or declared', async () => {
    const padding = Array.from({ length: 40 }, (_, index) => ({ ...rsa.publicJwk, kid: `pad-${index}` }));
    const server = fakeServer({ keys: [rsa.publicJwk, ...padding] });
    const cache = new RemoteJwksCache({ fetch: server.fetch, maxBytes: 4096 });
    await rejectsWithCode(cache.getKey(URI, { kid: 'rsa-1', alg: 'RS256' }), 'ERR_LTI_FETCH_TOO_LARGE');

    server.respond({ keys: [rsa.publicJwk], headers: { 'content-length': '5000' } });
    await rejectsWithCode(cache.getKey(URI, { kid: 'rsa-1', alg: 'RS256' }), 'ERR_LTI_FETCH_TOO_LARGE');
  });

  it('reports documents that are not key sets, and error statuses', async () => {
    const cases: Array<{ respond: Parameters<FakeServer['respond']>[0]; code: LtiErrorCode }> = [
      { respond: { raw: '<html>maintenance</html>' }, code: 'ERR_LTI_JWKS_INVALID' },
      { respond: { raw: '{"nope":[]}' }, code: 'ERR_LTI_JWKS_INVALID' },
      { respond: { raw: '[]' }, code: 'ERR_LTI_JWKS_INVALID' },
      { respond: { raw: '{"keys":"abc"}' }, code: 'ERR_LTI_JWKS_INVALID' },
      { respond: { raw: '{"keys":[42]}' }, code: 'ERR_LTI_JWKS_INVALID' },
      { respond: { keys: [rsa.publicJwk], status: 500 }, code: 'ERR_LTI_FETCH_FAILED' },
      { respond: { fail: true }, code: 'ERR_LTI_FETCH_FAILED' },
    ];
    for (const { respond, code } of cases) {
      const server = fakeServer({ keys: [] });
      server.respond(respond);
      const cache = new RemoteJwksCache({ fetch: server.fetch });
      await rejectsWithCode(cache.getKey(URI, { kid: 'rsa-1', alg: 'RS256' }), code);
    }
  });

  it('ignores keys meant for encryption or without kid, and symmetric keys', async () => {
    const server = fakeServer({
      keys: [
        { ...rsa.publicJwk, use: 'enc' },
        { ...ec.publicJwk, kid: undefined },
        { kty: 'oct', kid: 'hmac', k: 'c2VjcmV0' },
      ],
    });
    const cache = new RemoteJwksCache({ fetch: server.fetch, clock: fixedClock(T0) });
    await rejectsWithCode(cache.getKey(URI, { kid: 'rsa-1', alg: 'RS256' }), 'ERR_LTI_JWT_KID_UNKNOWN');
    await rejectsWithCode(cache.getKey(URI, { kid: 'hmac', alg: 'RS256' }), 'ERR_LTI_JWT_KID_UNKNOWN');
  });

  it('imports only the public part of a JWK a peer published by mistake with private members', async () => {
    const server = fakeServer({ keys: [rsa.privateJwk] });
    const cache = new RemoteJwksCache({ fetch: server.fetch });
    const key = await cache.getKey(URI, { kid: 'rsa-1', alg: 'RS256' });
    assert.equal(key.type, 'public');
  });

  it('refuses RSA keys shorter than 2048 bits', async () => {
    const weak = await crypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify']);
    const jwk = { ...(await exportJWK(weak.publicKey)), kid: 'weak' };
    const cache = new RemoteJwksCache({ fetch: fakeServer({ keys: [jwk] }).fetch });
    await rejectsWithCode(cache.getKey(URI, { kid: 'weak', alg: 'RS256' }), 'ERR_LTI_KEY_INVALID');
  });

  it('keeps serving known keys when a refresh fails, and waits for the cooldown before retrying', async () => {
    const clock = fixedClock(T0);
    const server = fakeServer({ keys: [rsa.publicJwk], headers: { 'cache-control': 'max-age=60' } });
    const cache = new RemoteJwksCache({ fetch: server.fetch, clock, refetchCooldownSeconds: 30 });
    await cache.getKey(URI, { kid: 'rsa-1', alg: 'RS256' });

    server.respond({ fail: true });
    clock.advance(60);
    const stale = await cache.getKey(URI, { kid: 'rsa-1', alg: 'RS256' });
    assert.equal(stale.type, 'public');
    assert.equal(cache.stats(URI).fetches, 2);
    // Unknown kids still fail; the failed refresh is not retried within the cooldown.
    await rejectsWithCode(cache.getKey(URI, { kid: 'rsa-2', alg: 'RS256' }), 'ERR_LTI_JWT_KID_UNKNOWN');
    clock.advance(29);
    await cache.getKey(URI, { kid: 'rsa-1', alg: 'RS256' });
    assert.equal(cache.stats(URI).fetches, 2);

    server.respond({ keys: [rsa2.publicJwk], headers: { 'cache-control': 'max-age=60' } });
    clock.advance(1);
    await cache.getKey(URI, { kid: 'rsa-2', alg: 'RS256' });
    assert.equal(cache.stats(URI).fetches, 3);
    // The new document replaced the old one: its keys are no longer served.
    await rejectsWithCode(cache.getKey(URI, { kid: 'rsa-1', alg: 'RS256' }), 'ERR_LTI_JWT_KID_UNKNOWN');
  });

  it('keeps separate caches per URI', async () => {
    const server = fakeServer({ keys: [rsa.publicJwk] });
    const cache = new RemoteJwksCache({ fetch: server.fetch, clock: fixedClock(T0) });
    await cache.getKey(URI, { kid: 'rsa-1', alg: 'RS256' });
    await cache.getKey('https://other.example.edu/jwks', { kid: 'rsa-1', alg: 'RS256' });
    assert.equal(cache.stats(URI).fetches, 1);
    assert.equal(cache.stats('https://other.example.edu/jwks').fetches, 1);
    assert.equal(cache.stats('https://never.example.edu/jwks').fetches, 0);
  });
});

describe('keyFromStaticJwk', () => {
  it('imports a registration public key that fits the header', async () => {
    const token = await signWith(ec, { sub: 'x' });
    const { payload } = await jwtVerify(token, (header) => keyFromStaticJwk(ec.publicJwk, header));
    assert.equal(payload.sub, 'x');
  });

  it('applies the same kid and alg checks as the remote cache', async () => {
    await rejectsWithCode(keyFromStaticJwk(rsa.publicJwk, { alg: 'RS256' }), 'ERR_LTI_JWT_KID_MISSING');
    await rejectsWithCode(keyFromStaticJwk(rsa.publicJwk, { kid: 'rsa-1', alg: 'HS256' }), 'ERR_LTI_JWT_ALG_NOT_ALLOWED');
    await rejectsWithCode(keyFromStaticJwk(rsa.publicJwk, { kid: 'rsa-1', alg: 'ES256' }), 'ERR_LTI_JWT_ALG_KEY_MISMATCH');
    await rejectsWithCode(keyFromStaticJwk(rsa.publicJwk, { kid: 'other', alg: 'RS256' }), 'ERR_LTI_JWT_KID_UNKNOWN');
    await rejectsWithCode(keyFromStaticJwk({ kty: 'oct', k: 'c2VjcmV0' }, { kid: 'k', alg: 'RS256' }), 'ERR_LTI_KEY_INVALID');
  });

  it('accepts any header kid when the registered key has none', async () => {
    const { kid: _kid, ...anonymous } = rsa.publicJwk;
    const key = await keyFromStaticJwk(anonymous, { kid: 'whatever', alg: 'RS256' });
    assert.equal(key.type, 'public');
  });
});
