// OAuth 1.0a signatures against the published vectors (lti11.md §2, OA-002, OA-003, BO-002).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  baseStringUri,
  formatOAuthAuthorizationHeader,
  normalizeParameters,
  oauth1Signature,
  oauthBodyHash,
  parseOAuthAuthorizationHeader,
  percentEncode,
  signatureBaseString,
} from '../../src/lib/oauth1_signature.js';
import { throwsLtiError } from '../support/assert_lti_error.js';
import { vectorBParameters } from '../support/oauth1_vectors.js';

const vectorB = vectorBParameters();

describe('OAuth 1.0a signature (OA-002, OA-003)', () => {
  it('reproduces test vector A (RFC 5849 §3.4.1 with the erratum): query, body and repeated names', async () => {
    const signature = await oauth1Signature({
      method: 'POST',
      url: 'http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b',
      parameters: [
        ['c2', ''],
        ['a3', '2 q'],
        ['oauth_consumer_key', '9djdj82h48djs9d2'],
        ['oauth_token', 'kkk9d7dh3k39sjv7'],
        ['oauth_signature_method', 'HMAC-SHA1'],
        ['oauth_timestamp', '137131201'],
        ['oauth_nonce', '7d8f3e4a'],
      ],
      consumerSecret: 'j49sk3j29djd',
      tokenSecret: 'dh893hdasih9',
    });
    assert.equal(signature, 'r6/TJjbCOr97/+UU0NsvSne7s5g=');
  });

  it('reproduces test vector B (an LTI launch): normalised string, base string and signature', async () => {
    assert.equal(
      normalizeParameters(vectorB),
      'context_id=ctx-1&custom_chapter=3%20%26%204&lti_message_type=basic-lti-launch-request&lti_version=LTI-1p0&oauth_callback=about%3Ablank&oauth_consumer_key=ck-123&oauth_nonce=7d8f3e4a&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1767225600&oauth_version=1.0&resource_link_id=rl-42&roles=Instructor&user_id=u-7',
    );
    const base = signatureBaseString('post', 'https://tool.example.com/lti/launch', vectorB);
    assert.ok(base.startsWith('POST&https%3A%2F%2Ftool.example.com%2Flti%2Flaunch&context_id%3Dctx-1%26custom_chapter%3D3%2520%2526%25204%26'));
    assert.ok(base.endsWith('%26user_id%3Du-7'));
    const signature = await oauth1Signature({ method: 'POST', url: 'https://tool.example.com/lti/launch', parameters: vectorB, consumerSecret: 's3cr3t' });
    assert.equal(signature, 'Fg7YMRXKfqreVllxNyBlsWPmydA=');
    // The signature never signs itself.
    const withSignature = [...vectorB, ['oauth_signature', signature]] as Array<[string, string]>;
    assert.equal(await oauth1Signature({ method: 'POST', url: 'https://tool.example.com/lti/launch', parameters: withSignature, consumerSecret: 's3cr3t' }), signature);
    // A form or query parameter named `realm` is signed (RFC 5849 §3.4.1.3.1 leaves out only the header's).
    const withRealm = [...vectorB, ['realm', 'r']] as Array<[string, string]>;
    assert.notEqual(await oauth1Signature({ method: 'POST', url: 'https://tool.example.com/lti/launch', parameters: withRealm, consumerSecret: 's3cr3t' }), signature);
    assert.ok(normalizeParameters(withRealm).includes('&realm=r&'));
    // Any change of secret, URL or parameter changes it.
    assert.notEqual(await oauth1Signature({ method: 'POST', url: 'https://tool.example.com/lti/launch', parameters: vectorB, consumerSecret: 's3cr3u' }), signature);
    assert.notEqual(await oauth1Signature({ method: 'POST', url: 'https://tool.example.com/lti/launch2', parameters: vectorB, consumerSecret: 's3cr3t' }), signature);
    assert.notEqual(
      await oauth1Signature({ method: 'POST', url: 'https://tool.example.com/lti/launch', parameters: [...vectorB.slice(1), ['lti_message_type', 'x']], consumerSecret: 's3cr3t' }),
      signature,
    );
    assert.notEqual(await oauth1Signature({ method: 'POST', url: 'https://tool.example.com/lti/launch', parameters: vectorB, consumerSecret: 's3cr3t', signatureMethod: 'HMAC-SHA256' }), signature);
  });

  it('percent-encodes per RFC 3986: space as %20, + and * and ! encoded, UTF-8 bytes upper-case', () => {
    assert.equal(percentEncode('a b+c*d!e(f)\'g~h.i_j-k'), 'a%20b%2Bc%2Ad%21e%28f%29%27g~h.i_j-k');
    assert.equal(percentEncode('é€😀'), '%C3%A9%E2%82%AC%F0%9F%98%80');
    throwsLtiError(() => percentEncode('\ud800'), 'ERR_LTI_REQUEST_MALFORMED');
  });

  it('sorts by encoded name then encoded value, keeping repeated names', () => {
    assert.equal(normalizeParameters([['b', '2'], ['a', 'x y'], ['a', '1'], ['a', 'X'], ['A', 'z']]), 'A=z&a=1&a=X&a=x%20y&b=2');
  });

  it('builds the base string URI: lower-case scheme and host, no default port, no query or fragment', () => {
    assert.equal(baseStringUri('HTTPS://Tool.Example.COM:443/LTI/launch?x=1#f'), 'https://tool.example.com/LTI/launch');
    assert.equal(baseStringUri('http://example.com:80/r'), 'http://example.com/r');
    assert.equal(baseStringUri('http://example.com:8080/r'), 'http://example.com:8080/r');
  });

  it('hashes bodies for oauth_body_hash (BO-002)', async () => {
    assert.equal(await oauthBodyHash('<?xml version="1.0" encoding="UTF-8"?><x/>'), 'A3Y0xRwvsBq1gIaQbQRcempWZD0=');
    assert.equal(await oauthBodyHash(new TextEncoder().encode('<?xml version="1.0" encoding="UTF-8"?><x/>')), 'A3Y0xRwvsBq1gIaQbQRcempWZD0=');
  });

  it('reads and writes the Authorization header, dropping realm', () => {
    const header = formatOAuthAuthorizationHeader([['oauth_consumer_key', 'ck 1'], ['oauth_body_hash', 'A3Y0xRwvsBq1gIaQbQRcempWZD0=']]);
    assert.equal(header, 'OAuth realm="",oauth_consumer_key="ck%201",oauth_body_hash="A3Y0xRwvsBq1gIaQbQRcempWZD0%3D"');
    assert.deepEqual(parseOAuthAuthorizationHeader(header), [['oauth_consumer_key', 'ck 1'], ['oauth_body_hash', 'A3Y0xRwvsBq1gIaQbQRcempWZD0=']]);
    assert.deepEqual(parseOAuthAuthorizationHeader('OAuth  oauth_a="1" , oauth_b="2"'), [['oauth_a', '1'], ['oauth_b', '2']]);
    throwsLtiError(() => parseOAuthAuthorizationHeader('Bearer x'), 'ERR_LTI11_OAUTH_HEADER_MALFORMED');
    throwsLtiError(() => parseOAuthAuthorizationHeader('OAuth oauth_a=1'), 'ERR_LTI11_OAUTH_HEADER_MALFORMED');
    throwsLtiError(() => parseOAuthAuthorizationHeader('OAuth oauth_a="%E0%A4%A"'), 'ERR_LTI11_OAUTH_HEADER_MALFORMED');
  });
});
