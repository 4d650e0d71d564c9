// Signing and verifying whole OAuth 1.0a requests (lti11.md §2, OA-001..OA-006, BO-002, BO-003):
// every check's code, the timestamp window's edges, nonce replay per consumer key, and a nonce that
// a request with a bad signature cannot burn.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixedClock } from '../../src/lib/clock.js';
import { type OAuthParameter, formatOAuthAuthorizationHeader, oauth1Signature, oauthBodyHash, parseOAuthAuthorizationHeader } from '../../src/lib/oauth1_signature.js';
import { type VerifyOAuth1RequestInput, signOAuth1Request, verifyOAuth1Request } from '../../src/lib/oauth1_request.js';
import { MemorySingleUseStore } from '../../src/stores/memory.js';
import { rejectsLtiError } from '../support/assert_lti_error.js';
import { VECTOR_B } from '../support/oauth1_vectors.js';

const T0 = 1_767_225_600;
const URL_ = 'https://tool.example.com/lti/lti11/launch';
const SECRETS: Record<string, string> = { 'ck-123': 's3cr3t', 'ck-other': 'other-secret' };

const FORM: OAuthParameter[] = [
  ['lti_message_type', 'basic-lti-launch-request'],
  ['lti_version', 'LTI-1p0'],
  ['resource_link_id', 'rl-42'],
  ['custom_chapter', '3 & 4'],
];

function setup() {
  const clock = fixedClock(T0);
  const singleUse = new MemorySingleUseStore(clock);
  const verify = (parameters: readonly OAuthParameter[], extra: Partial<VerifyOAuth1RequestInput> = {}) =>
    verifyOAuth1Request({
      method: 'POST',
      url: URL_,
      parameters,
      secretFor: async (consumerKey) => SECRETS[consumerKey],
      singleUse,
      clock,
      ...extra,
    });
  const sign = async (overrides: Partial<Parameters<typeof signOAuth1Request>[0]> = {}) => {
    const oauth = await signOAuth1Request({
      method: 'POST',
      url: URL_,
      parameters: FORM,
      consumerKey: 'ck-123',
      consumerSecret: 's3cr3t',
      timestamp: T0,
      nonce: 'nonce-1',
      callback: 'about:blank',
      ...overrides,
    });
    return [...(overrides.parameters ?? FORM), ...oauth];
  };
  return { clock, singleUse, verify, sign };
}

/** The parameters with `name` replaced by `value` (or removed when `value` is undefined). */
function withParameter(parameters: readonly OAuthParameter[], name: string, value: string | undefined): OAuthParameter[] {
  const kept = parameters.filter(([candidate]) => candidate !== name);
  return value === undefined ? kept : [...kept, [name, value]];
}

describe('signOAuth1Request', () => {
  it('returns the oauth_* parameters, signature last, and reproduces test vector B (OA-002, OA-003)', async () => {
    const { url, form, consumerKey, consumerSecret, timestamp, nonce, callback } = VECTOR_B;
    const oauth = await signOAuth1Request({ method: 'POST', url, parameters: form, consumerKey, consumerSecret, timestamp, nonce, callback });
    assert.deepEqual(
      oauth.map(([name]) => name),
      ['oauth_version', 'oauth_nonce', 'oauth_timestamp', 'oauth_consumer_key', 'oauth_signature_method', 'oauth_callback', 'oauth_signature'],
    );
    assert.deepEqual(oauth.at(-1), ['oauth_signature', VECTOR_B.signature]);
  });

  it('generates a fresh random nonce and the current timestamp when none is given', async () => {
    const first = new Map(await signOAuth1Request({ method: 'POST', url: URL_, parameters: [], consumerKey: 'k', consumerSecret: 's' }));
    const second = new Map(await signOAuth1Request({ method: 'POST', url: URL_, parameters: [], consumerKey: 'k', consumerSecret: 's' }));
    assert.notEqual(first.get('oauth_nonce'), second.get('oauth_nonce'));
    assert.match(first.get('oauth_nonce')!, /^[A-Za-z0-9_-]{32}$/);
    assert.ok(Math.abs(Number(first.get('oauth_timestamp')) - Date.now() / 1000) < 5);
    assert.equal(first.has('oauth_callback'), false);
    assert.equal(first.has('oauth_body_hash'), false);
  });

  it('adds oauth_body_hash for a body (BO-002): the digest of HMAC-SHA256 is SHA-256', async () => {
    const body = '<?xml version="1.0" encoding="UTF-8"?><x/>';
    const sha1 = new Map(await signOAuth1Request({ method: 'POST', url: URL_, parameters: [], consumerKey: 'k', consumerSecret: 's', body }));
    assert.equal(sha1.get('oauth_body_hash'), 'A3Y0xRwvsBq1gIaQbQRcempWZD0=');
    const sha256 = new Map(await signOAuth1Request({ method: 'POST', url: URL_, parameters: [], consumerKey: 'k', consumerSecret: 's', body, signatureMethod: 'HMAC-SHA256' }));
    assert.equal(sha256.get('oauth_signature_method'), 'HMAC-SHA256');
    assert.equal(Buffer.from(sha256.get('oauth_body_hash')!, 'base64').length, 32);
  });
});

describe('verifyOAuth1Request: accepted requests', () => {
  it('accepts a signed launch and reports key, method, timestamp and nonce', async () => {
    const { verify, sign } = setup();
    assert.deepEqual(await verify(await sign()), { consumerKey: 'ck-123', signatureMethod: 'HMAC-SHA1', timestamp: T0, nonce: 'nonce-1' });
  });

  it('accepts a request without oauth_version (it is optional, RFC 5849 §3.1)', async () => {
    const { verify } = setup();
    const parameters = FORM;
    const oauth: OAuthParameter[] = [
      ['oauth_consumer_key', 'ck-123'],
      ['oauth_nonce', 'n-without-version'],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', String(T0)],
    ];
    const signature = await oauth1Signature({ method: 'POST', url: URL_, parameters: [...parameters, ...oauth], consumerSecret: 's3cr3t' });
    const verified = await verify([...parameters, ...oauth, ['oauth_signature', signature]]);
    assert.equal(verified.nonce, 'n-without-version');
  });

  it('signs the URL’s query parameters together with the form (OA-002)', async () => {
    const { verify, sign } = setup();
    const url = `${URL_}?course=9&tag=a%20b`;
    const parameters = await sign({ url });
    assert.equal((await verify(parameters, { url })).consumerKey, 'ck-123');
    await rejectsLtiError(verify(await sign({ url, nonce: 'n-2' }), { url: `${URL_}?course=10&tag=a%20b` }), 'ERR_LTI11_SIGNATURE_INVALID');
  });

  it('accepts HMAC-SHA256 only where it is listed (OA-001)', async () => {
    const { verify, sign } = setup();
    const parameters = await sign({ signatureMethod: 'HMAC-SHA256' });
    await rejectsLtiError(verify(parameters), 'ERR_LTI11_SIGNATURE_METHOD_UNSUPPORTED');
    assert.equal((await verify(parameters, { signatureMethods: ['HMAC-SHA1', 'HMAC-SHA256'] })).signatureMethod, 'HMAC-SHA256');
  });

  it('verifies Authorization header parameters with the body hash (BO-002, BO-003)', async () => {
    const { verify } = setup();
    const body = '<?xml version="1.0" encoding="UTF-8"?><imsx_POXEnvelopeRequest/>';
    const oauth = await signOAuth1Request({ method: 'POST', url: URL_, parameters: [], consumerKey: 'ck-123', consumerSecret: 's3cr3t', timestamp: T0, nonce: 'n-body', body });
    const received = parseOAuthAuthorizationHeader(formatOAuthAuthorizationHeader(oauth));
    assert.equal((await verify(received, { body })).nonce, 'n-body');
  });
});

describe('verifyOAuth1Request: each check has its code', () => {
  for (const name of ['oauth_consumer_key', 'oauth_signature_method', 'oauth_timestamp', 'oauth_nonce', 'oauth_signature']) {
    it(`refuses a request without ${name}, or with it empty (ERR_LTI11_OAUTH_PARAMETER_MISSING)`, async () => {
      const { verify, sign } = setup();
      const signed = await sign();
      const missing = await rejectsLtiError(verify(withParameter(signed, name, undefined)), 'ERR_LTI11_OAUTH_PARAMETER_MISSING');
      assert.equal(missing.detail?.parameter, name);
      await rejectsLtiError(verify(withParameter(signed, name, '')), 'ERR_LTI11_OAUTH_PARAMETER_MISSING');
    });
  }

  it('refuses a repeated oauth_* parameter, even with the same value (ERR_LTI11_OAUTH_PARAMETER_REPEATED)', async () => {
    const { verify, sign } = setup();
    const signed = await sign();
    const error = await rejectsLtiError(verify([...signed, ['oauth_nonce', 'nonce-1']]), 'ERR_LTI11_OAUTH_PARAMETER_REPEATED');
    assert.equal(error.detail?.parameter, 'oauth_nonce');
  });

  it('refuses oauth_version other than 1.0 (ERR_LTI11_OAUTH_VERSION_UNSUPPORTED, OA-001)', async () => {
    const { verify, sign } = setup();
    await rejectsLtiError(verify(withParameter(await sign(), 'oauth_version', '2.0')), 'ERR_LTI11_OAUTH_VERSION_UNSUPPORTED');
  });

  it('refuses PLAINTEXT and RSA-SHA1 (ERR_LTI11_SIGNATURE_METHOD_UNSUPPORTED, OA-001)', async () => {
    const { verify, sign } = setup();
    for (const method of ['PLAINTEXT', 'RSA-SHA1', 'hmac-sha1']) {
      await rejectsLtiError(verify(withParameter(await sign(), 'oauth_signature_method', method)), 'ERR_LTI11_SIGNATURE_METHOD_UNSUPPORTED');
    }
  });

  it('refuses an unknown consumer key (ERR_LTI11_CONSUMER_KEY_UNKNOWN, OA-006)', async () => {
    const { verify, sign } = setup();
    const error = await rejectsLtiError(verify(await sign({ consumerKey: 'ck-nobody' })), 'ERR_LTI11_CONSUMER_KEY_UNKNOWN');
    assert.equal(error.detail?.consumerKey, 'ck-nobody');
  });

  it('accepts a timestamp exactly at either edge of the window and refuses one second beyond (OA-005)', async () => {
    const { verify, sign } = setup();
    assert.equal((await verify(await sign({ timestamp: T0 - 300, nonce: 'past-edge' }))).timestamp, T0 - 300);
    assert.equal((await verify(await sign({ timestamp: T0 + 300, nonce: 'future-edge' }))).timestamp, T0 + 300);
    await rejectsLtiError(verify(await sign({ timestamp: T0 - 301, nonce: 'too-old' })), 'ERR_LTI11_TIMESTAMP_OUT_OF_WINDOW');
    await rejectsLtiError(verify(await sign({ timestamp: T0 + 301, nonce: 'too-new' })), 'ERR_LTI11_TIMESTAMP_OUT_OF_WINDOW');
  });

  it('applies a configured window (OA-005: up to 90 minutes is common)', async () => {
    const { verify, sign } = setup();
    assert.equal((await verify(await sign({ timestamp: T0 - 5400, nonce: 'n-a' }), { timestampWindowSeconds: 5400 })).timestamp, T0 - 5400);
    await rejectsLtiError(verify(await sign({ timestamp: T0 - 5401, nonce: 'n-b' }), { timestampWindowSeconds: 5400 }), 'ERR_LTI11_TIMESTAMP_OUT_OF_WINDOW');
    await rejectsLtiError(verify(await sign({ timestamp: T0 - 61, nonce: 'n-c' }), { timestampWindowSeconds: 60 }), 'ERR_LTI11_TIMESTAMP_OUT_OF_WINDOW');
  });

  it('refuses a timestamp that is not whole seconds (ERR_LTI11_TIMESTAMP_OUT_OF_WINDOW)', async () => {
    const { verify, sign } = setup();
    for (const value of [`${T0}.5`, `-${T0}`, ' 1767225600', '1e9', '0x6956b200', '1767225600000000']) {
      await rejectsLtiError(verify(withParameter(await sign(), 'oauth_timestamp', value)), 'ERR_LTI11_TIMESTAMP_OUT_OF_WINDOW');
    }
  });

  it('refuses a changed parameter, URL, method or secret (ERR_LTI11_SIGNATURE_INVALID, OA-004)', async () => {
    const { verify, sign } = setup();
    const signed = await sign();
    await rejectsLtiError(verify(withParameter(signed, 'custom_chapter', '3 & 5')), 'ERR_LTI11_SIGNATURE_INVALID');
    await rejectsLtiError(verify([...signed, ['user_id', 'added']]), 'ERR_LTI11_SIGNATURE_INVALID');
    await rejectsLtiError(verify(signed, { url: 'https://internal:8080/lti/lti11/launch' }), 'ERR_LTI11_SIGNATURE_INVALID');
    await rejectsLtiError(verify(signed, { method: 'PUT' }), 'ERR_LTI11_SIGNATURE_INVALID');
    await rejectsLtiError(verify(signed, { secretFor: async () => 's3cr3T' }), 'ERR_LTI11_SIGNATURE_INVALID');
    await rejectsLtiError(verify(withParameter(signed, 'oauth_signature', 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=')), 'ERR_LTI11_SIGNATURE_INVALID');
  });

  it('refuses a body without oauth_body_hash, and a body changed after signing (BO-003)', async () => {
    const { verify } = setup();
    const body = '<x>0.5</x>';
    const oauth = await signOAuth1Request({ method: 'POST', url: URL_, parameters: [], consumerKey: 'ck-123', consumerSecret: 's3cr3t', timestamp: T0, nonce: 'n-b1', body });
    await rejectsLtiError(verify(oauth, { body: '<x>1.0</x>' }), 'ERR_LTI11_BODY_HASH_MISMATCH');
    await rejectsLtiError(verify(withParameter(oauth, 'oauth_body_hash', undefined), { body }), 'ERR_LTI11_BODY_HASH_MISSING');
    // The body hash is signed: the right hash of another body breaks the signature.
    const swapped = withParameter(oauth, 'oauth_body_hash', await oauthBodyHash('<x>1.0</x>'));
    await rejectsLtiError(verify(swapped, { body: '<x>1.0</x>' }), 'ERR_LTI11_SIGNATURE_INVALID');
    assert.equal((await verify(oauth, { body: new TextEncoder().encode(body) })).nonce, 'n-b1');
  });
});

describe('verifyOAuth1Request: nonces (OA-005)', () => {
  it('accepts a nonce once per consumer key', async () => {
    const { verify, sign } = setup();
    const signed = await sign();
    await verify(signed);
    await rejectsLtiError(verify(signed), 'ERR_LTI11_NONCE_REPLAYED');
    // The same nonce from another consumer is another nonce.
    assert.equal((await verify(await sign({ consumerKey: 'ck-other', consumerSecret: 'other-secret' }))).consumerKey, 'ck-other');
  });

  it('does not burn a nonce for a request whose signature fails', async () => {
    const { verify, sign } = setup();
    const signed = await sign();
    await rejectsLtiError(verify(withParameter(signed, 'oauth_signature', 'forged=')), 'ERR_LTI11_SIGNATURE_INVALID');
    await rejectsLtiError(verify(signed, { secretFor: async () => 'wrong' }), 'ERR_LTI11_SIGNATURE_INVALID');
    await rejectsLtiError(verify(signed, { body: 'unexpected' }), 'ERR_LTI11_BODY_HASH_MISSING');
    // The genuine request still goes through once.
    assert.equal((await verify(signed)).nonce, 'nonce-1');
    await rejectsLtiError(verify(signed), 'ERR_LTI11_NONCE_REPLAYED');
  });

  it('keeps a nonce as long as its timestamp is accepted; afterwards the timestamp refuses the replay', async () => {
    const { verify, sign, clock } = setup();
    const signed = await sign({ timestamp: T0 + 200 });
    await verify(signed);
    clock.advance(499);
    await rejectsLtiError(verify(signed), 'ERR_LTI11_NONCE_REPLAYED');
    clock.advance(2);
    await rejectsLtiError(verify(signed), 'ERR_LTI11_TIMESTAMP_OUT_OF_WINDOW');
  });
});
