import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_MAX_BODY_BYTES,
  autoSubmitFormResponse,
  escapeHtml,
  htmlResponse,
  jsonResponse,
  parseCookies,
  readBodyText,
  readParameters,
  relativePath,
  serializeCookie,
  singleParameter,
} from '../../src/lib/http.js';
import { rejectsLtiError, throwsLtiError } from '../support/assert_lti_error.js';

const URL_BASE = 'https://tool.example.com/lti/login';

function post(body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request(URL_BASE, { method: 'POST', body, headers });
}

/** A body that arrives in chunks with no content-length, as a chunked upload does. */
function streamedPost(chunks: Uint8Array[], headers: Record<string, string> = {}): Request {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[pulled++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(chunk);
    },
  });
  return new Request(URL_BASE, { method: 'POST', body: stream, headers, duplex: 'half' } as RequestInit);
}

describe('readBodyText', () => {
  it('reads a UTF-8 body', async () => {
    assert.equal(await readBodyText(post('état=ok')), 'état=ok');
  });

  it('reads an absent body as the empty string', async () => {
    assert.equal(await readBodyText(new Request(URL_BASE, { method: 'POST' })), '');
  });

  it('accepts a body of exactly maxBytes', async () => {
    assert.equal(await readBodyText(post('x'.repeat(10)), 10), 'x'.repeat(10));
  });

  it('refuses a declared content-length above the cap with 413 before reading', async () => {
    const error = await rejectsLtiError(readBodyText(post('small', { 'content-length': String(DEFAULT_MAX_BODY_BYTES + 1) })), 'ERR_LTI_REQUEST_TOO_LARGE');
    assert.equal(error.status, 413);
    assert.deepEqual(error.detail, { maxBytes: DEFAULT_MAX_BODY_BYTES });
  });

  it('refuses a streamed body that grows past the cap without a content-length', async () => {
    const request = streamedPost([new Uint8Array(6), new Uint8Array(6)]);
    assert.equal(request.headers.get('content-length'), null);
    const error = await rejectsLtiError(readBodyText(request, 10), 'ERR_LTI_REQUEST_TOO_LARGE');
    assert.equal(error.status, 413);
  });

  it('refuses a body larger than its (lying) content-length says', async () => {
    await rejectsLtiError(readBodyText(post('x'.repeat(11), { 'content-length': '3' }), 10), 'ERR_LTI_REQUEST_TOO_LARGE');
  });

  it('stops reading the stream at the cap', async () => {
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1;
        controller.enqueue(new Uint8Array(8));
      },
    });
    const request = new Request(URL_BASE, { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    await rejectsLtiError(readBodyText(request, 20), 'ERR_LTI_REQUEST_TOO_LARGE');
    assert.ok(pulls <= 5, `read ${pulls} chunks of an endless body`);
  });

  it('refuses invalid UTF-8 as a malformed request', async () => {
    const error = await rejectsLtiError(readBodyText(post(new Uint8Array([0x61, 0xff, 0xfe]))), 'ERR_LTI_REQUEST_MALFORMED');
    assert.equal(error.status, 400);
  });

  it('refuses a truncated multi-byte sequence split across chunks', async () => {
    // "é" is C3 A9; the stream ends after C3.
    await rejectsLtiError(readBodyText(streamedPost([new Uint8Array([0x61]), new Uint8Array([0xc3])])), 'ERR_LTI_REQUEST_MALFORMED');
  });

  it('joins a multi-byte sequence split across chunks', async () => {
    assert.equal(await readBodyText(streamedPost([new Uint8Array([0x61, 0xc3]), new Uint8Array([0xa9])])), 'aé');
  });
});

describe('readParameters', () => {
  it('reads GET parameters from the query', async () => {
    const parameters = await readParameters(new Request(`${URL_BASE}?iss=https%3A%2F%2Flms.example.edu&login_hint=u1`));
    assert.equal(parameters.get('iss'), 'https://lms.example.edu');
    assert.equal(parameters.get('login_hint'), 'u1');
  });

  it('reads HEAD parameters from the query', async () => {
    const parameters = await readParameters(new Request(`${URL_BASE}?a=1`, { method: 'HEAD' }));
    assert.equal(parameters.get('a'), '1');
  });

  it('reads POST parameters from a form body and ignores the query', async () => {
    const request = new Request(`${URL_BASE}?iss=https%3A%2F%2Fevil.example&only_query=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
      body: 'iss=https%3A%2F%2Flms.example.edu&login_hint=u+1',
    });
    const parameters = await readParameters(request);
    assert.equal(parameters.get('iss'), 'https://lms.example.edu');
    assert.equal(parameters.get('login_hint'), 'u 1');
    assert.equal(parameters.get('only_query'), null);
  });

  it('accepts the form content type in any case', async () => {
    const parameters = await readParameters(post('a=1', { 'content-type': 'Application/X-WWW-Form-URLEncoded' }));
    assert.equal(parameters.get('a'), '1');
  });

  it('refuses a POST with another content type, naming it', async () => {
    const error = await rejectsLtiError(readParameters(post('{"a":1}', { 'content-type': 'application/json' })), 'ERR_LTI_REQUEST_MALFORMED');
    assert.deepEqual(error.detail, { contentType: 'application/json' });
  });

  it('refuses a POST with no content type', async () => {
    const request = new Request(URL_BASE, { method: 'POST', body: new Uint8Array([0x61, 0x3d, 0x31]) });
    const error = await rejectsLtiError(readParameters(request), 'ERR_LTI_REQUEST_MALFORMED');
    assert.deepEqual(error.detail, { contentType: null });
  });

  it('refuses multipart bodies', async () => {
    await rejectsLtiError(readParameters(post('x', { 'content-type': 'multipart/form-data; boundary=x' })), 'ERR_LTI_REQUEST_MALFORMED');
  });

  for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
    it(`refuses ${method} with 405`, async () => {
      const error = await rejectsLtiError(readParameters(new Request(`${URL_BASE}?a=1`, { method })), 'ERR_LTI_METHOD_NOT_ALLOWED');
      assert.equal(error.status, 405);
      assert.deepEqual(error.detail, { method });
    });
  }

  it('applies the size cap to form bodies', async () => {
    await rejectsLtiError(
      readParameters(post(`a=${'x'.repeat(100)}`, { 'content-type': 'application/x-www-form-urlencoded' }), 50),
      'ERR_LTI_REQUEST_TOO_LARGE',
    );
  });
});

describe('singleParameter', () => {
  it('returns the one value of a parameter', () => {
    assert.equal(singleParameter(new URLSearchParams('a=1&b=2'), 'a'), '1');
  });

  it('returns undefined for an absent or empty parameter', () => {
    assert.equal(singleParameter(new URLSearchParams('a=1'), 'b'), undefined);
    assert.equal(singleParameter(new URLSearchParams('a='), 'a'), undefined);
  });

  it('refuses a repeated parameter, naming it', () => {
    const error = throwsLtiError(() => singleParameter(new URLSearchParams('state=a&state=b'), 'state'), 'ERR_LTI_REQUEST_MALFORMED');
    assert.deepEqual(error.detail, { parameter: 'state' });
  });

  it('refuses a repeated parameter even when the values are equal or empty', () => {
    throwsLtiError(() => singleParameter(new URLSearchParams('state=a&state=a'), 'state'), 'ERR_LTI_REQUEST_MALFORMED');
    throwsLtiError(() => singleParameter(new URLSearchParams('state=&state=b'), 'state'), 'ERR_LTI_REQUEST_MALFORMED');
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('escapes an ampersand once (no double escaping of its own output)', () => {
    assert.equal(escapeHtml('&lt;'), '&amp;lt;');
  });

  it('leaves other text unchanged', () => {
    assert.equal(escapeHtml('Ünïcödé text / = ; `'), 'Ünïcödé text / = ; `');
  });
});

describe('jsonResponse and htmlResponse', () => {
  it('let a given cache-control replace the no-store default rather than join it', () => {
    const json = jsonResponse({ keys: [] }, 200, { 'cache-control': 'public, max-age=300' });
    assert.equal(json.headers.get('cache-control'), 'public, max-age=300');
    const html = htmlResponse('t', '<p>x</p>', 200, { 'cache-control': 'private' });
    assert.equal(html.headers.get('cache-control'), 'private');
  });

  it('keep every given Set-Cookie', () => {
    const headers = new Headers([['set-cookie', 'a=1'], ['set-cookie', 'b=2']]);
    assert.deepEqual(htmlResponse('t', '', 200, headers).headers.getSetCookie(), ['a=1', 'b=2']);
  });
});

describe('autoSubmitFormResponse', () => {
  it('posts every field as a hidden input, escaped', async () => {
    const response = autoSubmitFormResponse('https://tool.example.com/lti/launch', {
      id_token: 'a.b.c',
      state: '"><script>alert(1)</script>',
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const html = await response.text();
    assert.ok(html.includes('<form id="ltikit-form" method="post" action="https://tool.example.com/lti/launch">'));
    assert.ok(html.includes('<input type="hidden" name="id_token" value="a.b.c">'));
    assert.ok(html.includes('<input type="hidden" name="state" value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">'));
    assert.ok(!html.includes('<script>alert(1)'));
  });

  it('escapes field names and the action', async () => {
    const response = autoSubmitFormResponse('https://tool.example.com/launch?a=1&b="2"', { 'x"y': 'v' });
    const html = await response.text();
    assert.ok(html.includes('action="https://tool.example.com/launch?a=1&amp;b=&quot;2&quot;"'));
    assert.ok(html.includes('name="x&quot;y"'));
  });

  it('sets a CSP that allows only its own nonce script and form posts to the action origin', async () => {
    const response = autoSubmitFormResponse('https://tool.example.com:8443/lti/launch?x=1', { a: 'b' });
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /^default-src 'none'; script-src 'nonce-[0-9a-f]{32}'; style-src 'unsafe-inline'; form-action https:\/\/tool\.example\.com:8443$/);
    const nonce = /'nonce-([0-9a-f]{32})'/.exec(csp)![1]!;
    assert.ok((await response.text()).includes(`<script nonce="${nonce}">`));
  });

  it('uses a fresh script nonce per response', () => {
    const first = autoSubmitFormResponse('https://tool.example.com/a', {}).headers.get('content-security-policy');
    const second = autoSubmitFormResponse('https://tool.example.com/a', {}).headers.get('content-security-policy');
    assert.notEqual(first, second);
  });
});

describe('parseCookies', () => {
  it('returns an empty map for no header', () => {
    assert.equal(parseCookies(null).size, 0);
  });

  it('parses name=value pairs, trimming spaces and decoding values', () => {
    const cookies = parseCookies('a=1; b = two%20words ;c="quoted"');
    assert.deepEqual([...cookies], [
      ['a', '1'],
      ['b', 'two words'],
      ['c', 'quoted'],
    ]);
  });

  it('keeps the first of repeated names', () => {
    assert.equal(parseCookies('s=first; s=second').get('s'), 'first');
  });

  it('keeps "=" inside values', () => {
    assert.equal(parseCookies('t=a=b==').get('t'), 'a=b==');
  });

  it('keeps an undecodable value raw and skips pairs without a name', () => {
    const cookies = parseCookies('bad=%E0%A4%A; =nameless; flag; ok=1');
    assert.equal(cookies.get('bad'), '%E0%A4%A');
    assert.equal(cookies.get('ok'), '1');
    assert.equal(cookies.size, 2);
  });
});

describe('serializeCookie', () => {
  it('writes every attribute of a cross-site state cookie', () => {
    assert.equal(
      serializeCookie('ltikit_state_x', 'v a', { maxAge: 600, path: '/lti', secure: true, sameSite: 'None', partitioned: true }),
      'ltikit_state_x=v%20a; Path=/lti; Max-Age=600; HttpOnly; Secure; SameSite=None; Partitioned',
    );
  });

  it('defaults the path to / and HttpOnly on', () => {
    assert.equal(serializeCookie('a', 'b', { maxAge: 1, secure: false, sameSite: 'Lax' }), 'a=b; Path=/; Max-Age=1; HttpOnly; SameSite=Lax');
  });

  it('omits HttpOnly only when asked', () => {
    assert.ok(!serializeCookie('a', 'b', { maxAge: 1, secure: true, sameSite: 'Strict', httpOnly: false }).includes('HttpOnly'));
  });

  it('writes Partitioned only together with Secure', () => {
    const insecure = serializeCookie('a', 'b', { maxAge: 1, secure: false, sameSite: 'Lax', partitioned: true });
    assert.ok(!insecure.includes('Partitioned'));
    assert.ok(!insecure.includes('Secure'));
    assert.ok(serializeCookie('a', 'b', { maxAge: 1, secure: true, sameSite: 'None', partitioned: true }).endsWith('; Partitioned'));
    assert.ok(!serializeCookie('a', 'b', { maxAge: 1, secure: true, sameSite: 'None', partitioned: false }).includes('Partitioned'));
  });

  it('writes Max-Age=0 to clear a cookie', () => {
    assert.match(serializeCookie('a', '', { maxAge: 0, secure: true, sameSite: 'None' }), /^a=; Path=\/; Max-Age=0;/);
  });
});

describe('relativePath', () => {
  const at = (path: string): Request => new Request(`https://tool.example.com${path}`);

  it('returns the whole path when mounted at the root', () => {
    assert.equal(relativePath(at('/lti/login'), ''), '/lti/login');
    assert.equal(relativePath(at('/lti/login'), '/'), '/lti/login');
  });

  it('strips the base path', () => {
    assert.equal(relativePath(at('/lti/login'), '/lti'), '/login');
    assert.equal(relativePath(at('/lti/login'), '/lti/'), '/login');
    assert.equal(relativePath(at('/a/b/c?x=1'), '/a/b'), '/c');
  });

  it('maps the base path itself to /', () => {
    assert.equal(relativePath(at('/lti'), '/lti'), '/');
  });

  it('returns undefined outside the base path, including sibling prefixes', () => {
    assert.equal(relativePath(at('/other/login'), '/lti'), undefined);
    assert.equal(relativePath(at('/ltix/login'), '/lti'), undefined);
    assert.equal(relativePath(at('/'), '/lti'), undefined);
  });
});
