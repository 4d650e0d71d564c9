import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { LtiError, type LtiErrorCode } from '../../src/errors.js';
import { assertSecureUrl, guardedFetch, type FetchLike } from '../../src/lib/guarded_fetch.js';

async function rejectsWithCode(promise: Promise<unknown>, code: LtiErrorCode): Promise<LtiError> {
  let caught: unknown;
  await assert.rejects(promise, (error: unknown) => {
    caught = error;
    return true;
  });
  assert.ok(caught instanceof LtiError, `expected an LtiError, got ${String(caught)}`);
  assert.equal(caught.code, code);
  return caught;
}

function throwsWithCode(run: () => unknown, code: LtiErrorCode): void {
  assert.throws(run, (error: unknown) => error instanceof LtiError && error.code === code);
}

describe('assertSecureUrl', () => {
  it('accepts https URLs', () => {
    assert.equal(assertSecureUrl('https://lms.example.edu/jwks', {}).href, 'https://lms.example.edu/jwks');
  });

  it('refuses http unless allowInsecureLoopback is set and the host is loopback', () => {
    throwsWithCode(() => assertSecureUrl('http://lms.example.edu/jwks', {}), 'ERR_LTI_FETCH_INSECURE_URL');
    throwsWithCode(() => assertSecureUrl('http://lms.example.edu/jwks', { allowInsecureLoopback: true }), 'ERR_LTI_FETCH_INSECURE_URL');
    throwsWithCode(() => assertSecureUrl('http://127.0.0.1:8080/jwks', {}), 'ERR_LTI_FETCH_INSECURE_URL');
    throwsWithCode(() => assertSecureUrl('http://localhost/jwks', { allowInsecureLoopback: false }), 'ERR_LTI_FETCH_INSECURE_URL');
  });

  it('accepts http to 127.0.0.0/8, ::1 and localhost when allowed', () => {
    for (const url of ['http://127.0.0.1:8080/jwks', 'http://127.9.8.7/jwks', 'http://127.1/jwks', 'http://[::1]:3000/jwks', 'http://localhost:3000/jwks', 'http://LOCALHOST/jwks']) {
      assert.equal(assertSecureUrl(url, { allowInsecureLoopback: true }).protocol, 'http:', url);
    }
  });

  it('does not mistake look-alike hosts for loopback', () => {
    for (const url of ['http://127.0.0.1.evil.example/jwks', 'http://localhost.evil.example/jwks', 'http://128.0.0.1/jwks', 'http://[::2]/jwks', 'http://10.0.0.1/jwks']) {
      throwsWithCode(() => assertSecureUrl(url, { allowInsecureLoopback: true }), 'ERR_LTI_FETCH_INSECURE_URL');
    }
  });

  it('refuses other schemes, unparsable URLs and URLs with credentials', () => {
    for (const url of ['ftp://lms.example.edu/jwks', 'file:///etc/passwd', 'data:application/json,{}', 'javascript:alert(1)', 'not a url', '', '/relative/jwks', 'https://user:secret@lms.example.edu/jwks']) {
      throwsWithCode(() => assertSecureUrl(url, { allowInsecureLoopback: true }), 'ERR_LTI_FETCH_INSECURE_URL');
    }
  });

  it('keeps credentials out of the error detail', () => {
    try {
      assertSecureUrl('https://user:secret@lms.example.edu/jwks', {});
      assert.fail('expected a throw');
    } catch (error) {
      assert.ok(error instanceof LtiError);
      assert.doesNotMatch(JSON.stringify(error.detail ?? {}), /secret/);
    }
  });
});

describe('guardedFetch against a local server', () => {
  let server: Server;
  let base: string;
  const hits = new Map<string, number>();

  before(async () => {
    server = createServer((request, response) => {
      const path = request.url ?? '/';
      hits.set(path, (hits.get(path) ?? 0) + 1);
      switch (path) {
        case '/ok':
          response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=60' });
          response.end(JSON.stringify({ keys: [] }));
          return;
        case '/echo-method':
          response.writeHead(200, { 'content-type': 'text/plain' });
          response.end(`${request.method} ${request.headers['x-probe'] ?? ''}`);
          return;
        case '/not-json':
          response.writeHead(200, { 'content-type': 'text/html' });
          response.end('<html>hello</html>');
          return;
        case '/error':
          response.writeHead(500, { 'content-type': 'text/plain' });
          response.end('secret-body-content');
          return;
        case '/no-headers':
          return; // never answers
        case '/stalled-body':
          response.writeHead(200, { 'content-type': 'application/json' });
          response.write('{"keys":[');
          return; // never finishes
        case '/declared-large':
          response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(10_000) });
          response.end('x'.repeat(10_000));
          return;
        case '/streamed-large': {
          response.writeHead(200, { 'content-type': 'application/json' }); // chunked, no content-length
          const chunk = 'y'.repeat(1000);
          for (let index = 0; index < 10; index++) response.write(chunk);
          response.end();
          return;
        }
        case '/exact-limit':
          response.writeHead(200, { 'content-type': 'text/plain' });
          response.end('z'.repeat(1024));
          return;
        case '/redirect':
          response.writeHead(302, { location: '/redirect-target' });
          response.end();
          return;
        default:
          response.writeHead(404);
          response.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const options = { timeoutMs: 2000, maxBytes: 1024, allowInsecureLoopback: true };

  it('returns status, headers and body of a 2xx response', async () => {
    const response = await guardedFetch(`${base}/ok`, options);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'max-age=60');
    assert.deepEqual(response.json(), { keys: [] });
    assert.equal(response.text(), '{"keys":[]}');
    assert.equal(response.body.byteLength, 11);
  });

  it('sends the method, headers and body it is given', async () => {
    const response = await guardedFetch(`${base}/echo-method`, { ...options, method: 'POST', headers: { 'x-probe': 'p1' }, body: 'a=1' });
    assert.equal(response.text(), 'POST p1');
  });

  it('refuses plain http to loopback unless allowInsecureLoopback is set, before any request', async () => {
    const before = hits.get('/ok') ?? 0;
    await rejectsWithCode(guardedFetch(`${base}/ok`, { timeoutMs: 2000, maxBytes: 1024 }), 'ERR_LTI_FETCH_INSECURE_URL');
    assert.equal(hits.get('/ok') ?? 0, before);
  });

  it('returns a non-2xx response to the caller, and throws on it with expectOk without exposing the body', async () => {
    const response = await guardedFetch(`${base}/error`, options);
    assert.equal(response.status, 500);
    const error = await rejectsWithCode(guardedFetch(`${base}/error`, { ...options, expectOk: true }), 'ERR_LTI_FETCH_FAILED');
    assert.equal(error.detail?.status, 500);
    assert.equal(error.detail?.url, `${base}/error`);
    assert.doesNotMatch(JSON.stringify(error.toJSON()), /secret-body/);
  });

  it('times out when the server sends no headers', async () => {
    const started = Date.now();
    await rejectsWithCode(guardedFetch(`${base}/no-headers`, { ...options, timeoutMs: 150 }), 'ERR_LTI_FETCH_TIMEOUT');
    assert.ok(Date.now() - started < 1500);
  });

  it('times out when the body stalls', async () => {
    await rejectsWithCode(guardedFetch(`${base}/stalled-body`, { ...options, timeoutMs: 150 }), 'ERR_LTI_FETCH_TIMEOUT');
  });

  it('rejects a declared Content-Length above maxBytes', async () => {
    const error = await rejectsWithCode(guardedFetch(`${base}/declared-large`, options), 'ERR_LTI_FETCH_TOO_LARGE');
    assert.equal(error.detail?.maxBytes, 1024);
  });

  it('stops reading a streamed body once it passes maxBytes', async () => {
    await rejectsWithCode(guardedFetch(`${base}/streamed-large`, options), 'ERR_LTI_FETCH_TOO_LARGE');
  });

  it('accepts a body of exactly maxBytes', async () => {
    const response = await guardedFetch(`${base}/exact-limit`, options);
    assert.equal(response.body.byteLength, 1024);
  });

  it('does not follow redirects', async () => {
    await rejectsWithCode(guardedFetch(`${base}/redirect`, options), 'ERR_LTI_FETCH_FAILED');
    assert.equal(hits.get('/redirect-target') ?? 0, 0);
  });

  it('reports a body that is not JSON with a code', async () => {
    const response = await guardedFetch(`${base}/not-json`, options);
    assert.throws(() => response.json(), (error: unknown) => error instanceof LtiError && error.code === 'ERR_LTI_FETCH_FAILED');
  });

  it('reports a refused connection as ERR_LTI_FETCH_FAILED', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await rejectsWithCode(guardedFetch(`http://127.0.0.1:${port}/jwks`, options), 'ERR_LTI_FETCH_FAILED');
    assert.equal(error.detail?.url, `http://127.0.0.1:${port}/jwks`);
  });
});

describe('guardedFetch with an injected fetch', () => {
  it('never calls fetch for an insecure URL', async () => {
    let calls = 0;
    const fetch: FetchLike = async () => {
      calls++;
      return new Response('{}');
    };
    await rejectsWithCode(guardedFetch('http://lms.example.edu/jwks', { fetch, timeoutMs: 1000, maxBytes: 1024, allowInsecureLoopback: true }), 'ERR_LTI_FETCH_INSECURE_URL');
    assert.equal(calls, 0);
  });

  it('asks fetch not to follow redirects', async () => {
    let seen: RequestInit | undefined;
    const fetch: FetchLike = async (_input, init) => {
      seen = init;
      return new Response('{}');
    };
    await guardedFetch('https://lms.example.edu/jwks', { fetch, timeoutMs: 1000, maxBytes: 1024 });
    assert.equal(seen?.redirect, 'error');
    assert.ok(seen?.signal instanceof AbortSignal);
  });

  it('refuses a redirect response from a fetch that does not honour redirect: error', async () => {
    const fetch: FetchLike = async () => new Response(null, { status: 302, headers: { location: 'http://evil.example/jwks' } });
    await rejectsWithCode(guardedFetch('https://lms.example.edu/jwks', { fetch, timeoutMs: 1000, maxBytes: 1024 }), 'ERR_LTI_FETCH_FAILED');
  });

  it('times out even when fetch ignores the abort signal', async () => {
    const fetch: FetchLike = () => new Promise<Response>(() => undefined);
    await rejectsWithCode(guardedFetch('https://lms.example.edu/jwks', { fetch, timeoutMs: 50, maxBytes: 1024 }), 'ERR_LTI_FETCH_TIMEOUT');
  });

  it('maps a thrown network error to ERR_LTI_FETCH_FAILED', async () => {
    const fetch: FetchLike = async () => {
      throw new TypeError('fetch failed');
    };
    await rejectsWithCode(guardedFetch('https://lms.example.edu/jwks', { fetch, timeoutMs: 1000, maxBytes: 1024 }), 'ERR_LTI_FETCH_FAILED');
  });
});
