import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LtiError } from '../../src/errors.js';
import { toolErrorResponse } from '../../src/tool/error_response.js';

const launchRequest = (headers: Record<string, string> = {}): Request =>
  new Request('https://tool.example.com/lti/launch', { method: 'POST', headers });

interface ErrorBody {
  error: string;
  code: string;
  error_description: string;
  detail?: Record<string, unknown>;
}

describe('toolErrorResponse: format', () => {
  it('answers JSON to Accept: application/json', async () => {
    const response = toolErrorResponse(new LtiError('ERR_LTI_NONCE_REPLAYED'), launchRequest({ accept: 'application/json' }));
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const body = (await response.json()) as ErrorBody;
    assert.equal(body.code, 'ERR_LTI_NONCE_REPLAYED');
    assert.equal(body.error, 'invalid_request');
    assert.equal(typeof body.error_description, 'string');
  });

  it('answers JSON to a JSON request without Accept', async () => {
    const response = toolErrorResponse(new LtiError('ERR_LTI_STATE_MISSING'), launchRequest({ 'content-type': 'application/json' }));
    assert.equal(((await response.json()) as ErrorBody).code, 'ERR_LTI_STATE_MISSING');
  });

  it('answers a page to browsers (Accept: text/html or */*), with the code', async () => {
    for (const accept of ['text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8', '*/*', '']) {
      const response = toolErrorResponse(new LtiError('ERR_LTI_STATE_MISMATCH'), launchRequest(accept === '' ? {} : { accept }));
      assert.equal(response.status, 400);
      assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
      const html = await response.text();
      assert.ok(html.includes('<code>ERR_LTI_STATE_MISMATCH</code>'), accept);
    }
  });

  it('includes the detail in JSON', async () => {
    const response = toolErrorResponse(new LtiError('ERR_LTI_DEPLOYMENT_UNKNOWN', { detail: { deployment_id: 'dep-9' } }), launchRequest({ accept: 'application/json' }));
    assert.deepEqual(((await response.json()) as ErrorBody).detail, { deployment_id: 'dep-9' });
  });

  it('passes extra headers through', () => {
    const response = toolErrorResponse(new LtiError('ERR_LTI_NOT_FOUND'), launchRequest(), { headers: { 'x-extra': '1' } });
    assert.equal(response.headers.get('x-extra'), '1');
  });

  it('escapes the message in the page', async () => {
    const error = new LtiError('ERR_LTI_PLATFORM_REFUSED_LOGIN', { message: 'refused: <script>alert(1)</script>' });
    const html = await toolErrorResponse(error, launchRequest()).text();
    assert.ok(!html.includes('<script>alert(1)</script>'));
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  });
});

describe('toolErrorResponse: status', () => {
  it('keeps 4xx statuses of the registry (404, 405, 413)', () => {
    assert.equal(toolErrorResponse(new LtiError('ERR_LTI_NOT_FOUND'), launchRequest()).status, 404);
    assert.equal(toolErrorResponse(new LtiError('ERR_LTI_METHOD_NOT_ALLOWED'), launchRequest()).status, 405);
    assert.equal(toolErrorResponse(new LtiError('ERR_LTI_REQUEST_TOO_LARGE'), launchRequest()).status, 413);
  });

  it('answers 4xx for upstream failures (JWKS fetch, timeouts, bad key sets)', async () => {
    for (const code of ['ERR_LTI_FETCH_FAILED', 'ERR_LTI_FETCH_TIMEOUT', 'ERR_LTI_FETCH_TOO_LARGE', 'ERR_LTI_JWKS_INVALID'] as const) {
      const response = toolErrorResponse(new LtiError(code), launchRequest({ accept: 'application/json' }));
      assert.equal(response.status, 400, code);
      assert.equal(((await response.json()) as ErrorBody).code, code);
    }
  });

  it('answers 500 with ERR_LTI_INTERNAL for anything else thrown, without its message', async () => {
    const thrown = new Error('connection string postgres://admin:hunter2@db/ltikit');
    const json = toolErrorResponse(thrown, launchRequest({ accept: 'application/json' }));
    assert.equal(json.status, 500);
    const body = await json.text();
    assert.equal((JSON.parse(body) as ErrorBody).code, 'ERR_LTI_INTERNAL');
    assert.equal((JSON.parse(body) as ErrorBody).error, 'server_error');
    assert.ok(!body.includes('hunter2'));
    const html = await toolErrorResponse(thrown, launchRequest()).text();
    assert.ok(!html.includes('hunter2'));
    assert.ok(!/\.ts:\d+/.test(html), 'no stack trace');
  });

  it('answers 500 for a non-Error throw too', () => {
    assert.equal(toolErrorResponse('boom', launchRequest()).status, 500);
    assert.equal(toolErrorResponse(undefined, launchRequest()).status, 500);
  });
});

describe('toolErrorResponse: return link (RET-003)', () => {
  it('offers the return URL with lti_errormsg and lti_errorlog, escaped in the page', async () => {
    const error = new LtiError('ERR_LTI_DEPLOYMENT_UNKNOWN');
    const response = toolErrorResponse(error, launchRequest(), { returnUrl: 'https://lms.example.edu/course/991/return?launch=a&b=1' });
    const html = await response.text();
    const href = /<a href="([^"]+)" target="_top">/.exec(html)?.[1];
    assert.ok(href !== undefined, html);
    assert.ok(!/&(?!amp;)/.test(href), `unescaped & in ${href}`);
    const url = new URL(href.replace(/&amp;/g, '&'));
    assert.equal(url.origin + url.pathname, 'https://lms.example.edu/course/991/return');
    assert.equal(url.searchParams.get('launch'), 'a');
    assert.equal(url.searchParams.get('b'), '1');
    assert.equal(url.searchParams.get('lti_errormsg'), error.message);
    assert.equal(url.searchParams.get('lti_errorlog'), 'ERR_LTI_DEPLOYMENT_UNKNOWN');
  });

  it('cannot be broken out of by a message or a return URL with HTML in it', async () => {
    const error = new LtiError('ERR_LTI_PLATFORM_REFUSED_LOGIN', { message: '"><script>alert(1)</script>' });
    const html = await toolErrorResponse(error, launchRequest(), { returnUrl: 'https://lms.example.edu/r?x="><img src=x>' }).text();
    assert.ok(!html.includes('<script>alert(1)'));
    assert.ok(!html.includes('<img'));
    const href = /<a href="([^"]+)" target="_top">/.exec(html)?.[1];
    assert.equal(new URL(href!.replace(/&amp;/g, '&')).searchParams.get('lti_errormsg'), '"><script>alert(1)</script>');
  });

  it('offers no link for a javascript:, data: or unparsable return URL', async () => {
    for (const returnUrl of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'not a url']) {
      const html = await toolErrorResponse(new LtiError('ERR_LTI_STATE_UNKNOWN'), launchRequest(), { returnUrl }).text();
      assert.ok(!html.includes('<a href'), returnUrl);
    }
  });

  it('offers no link in JSON answers', async () => {
    const response = toolErrorResponse(new LtiError('ERR_LTI_STATE_UNKNOWN'), launchRequest({ accept: 'application/json' }), { returnUrl: 'https://lms.example.edu/r' });
    assert.ok(!(await response.text()).includes('lti_errormsg'));
  });
});
