import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { LTI_ERROR_CODES, LtiError, describeErrorCode, isLtiError, toLtiError } from '../src/errors.js';

describe('LtiError', () => {
  it('carries the code, status, OAuth value and detail, and serialises without the cause', () => {
    const error = new LtiError('ERR_LTI_AUTH_CLIENT_UNKNOWN', { detail: { client_id: 'x' }, cause: new Error('secret internals') });
    assert.equal(error.code, 'ERR_LTI_AUTH_CLIENT_UNKNOWN');
    assert.equal(error.status, 400);
    assert.equal(error.oauthError, 'invalid_client');
    assert.deepEqual(error.toJSON(), {
      error: 'invalid_client',
      code: 'ERR_LTI_AUTH_CLIENT_UNKNOWN',
      error_description: describeErrorCode('ERR_LTI_AUTH_CLIENT_UNKNOWN').message,
      detail: { client_id: 'x' },
    });
    assert.ok(!JSON.stringify(error).includes('secret internals'));
    assert.ok(isLtiError(error, 'ERR_LTI_AUTH_CLIENT_UNKNOWN'));
    assert.ok(!isLtiError(error, 'ERR_LTI_NOT_FOUND'));
  });

  it('turns unknown throwables into ERR_LTI_INTERNAL without exposing their message', () => {
    const wrapped = toLtiError(new TypeError('database password is hunter2'));
    assert.equal(wrapped.code, 'ERR_LTI_INTERNAL');
    assert.equal(wrapped.status, 500);
    assert.ok(!wrapped.message.includes('hunter2'));
  });

  it('gives every code a sentence and a 4xx/5xx status, and documents every code', () => {
    const documented = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
    assert.ok(LTI_ERROR_CODES.length > 50);
    for (const code of LTI_ERROR_CODES) {
      // `ERR_LTI_` for LTI 1.3 and both versions, `ERR_LTI11_` for checks only LTI 1.0/1.1 has (OAuth 1.0a, POX).
      assert.match(code, /^ERR_LTI(11)?_[A-Z0-9_]+$/);
      const { status, message } = describeErrorCode(code);
      assert.ok(status >= 400 && status < 600, code);
      assert.ok(message.length > 20, code);
      assert.ok(documented.includes(`\`${code}\``), `${code} is missing from docs/errors.md (run scripts/generate-error-docs.ts)`);
    }
  });
});
