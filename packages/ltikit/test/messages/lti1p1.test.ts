// The `lti1p1` migration claim: its signature (MIG-001), the constant-time check (MIG-004) and the
// reader of the claim, against the test vector of lti11.md §5 and an independent HMAC (node:crypto).
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  type Lti1p1SignatureInput,
  lti1p1SignatureBaseString,
  readLti1p1Claim,
  signLti1p1,
  verifyLti1p1Signature,
} from '../../src/messages/lti1p1.js';
import { LTI_CLAIM } from '../../src/vocab/claims.js';
import { throwsLtiError } from '../support/assert_lti_error.js';

// lti11.md §5.1, the migration guide's example.
const VECTOR: Lti1p1SignatureInput = {
  consumerKey: '179248902',
  deploymentId: '689302',
  issuer: 'https://lmsvendor.com',
  clientId: 'PM48OJSfGDTAzAo',
  exp: 1551290856,
  nonce: '172we8671fd8z',
};
const VECTOR_SECRET = 'my-lti11-secret';
const VECTOR_SIGN = 'lWd54kFo5qU7xshAna6v8BwoBm6tmUjc6GTax6+12ps=';

/** The same HMAC computed by Node's own implementation, for inputs the spec gives no vector for. */
const nodeSign = (message: string, secret: string): string => createHmac('sha256', Buffer.from(secret, 'utf8')).update(Buffer.from(message, 'utf8')).digest('base64');

describe('signLti1p1 (MIG-001)', () => {
  it('builds the base string of the vector', () => {
    assert.equal(lti1p1SignatureBaseString(VECTOR), '179248902&689302&https://lmsvendor.com&PM48OJSfGDTAzAo&1551290856&172we8671fd8z');
  });

  it('reproduces the spec vector', async () => {
    assert.equal(await signLti1p1(VECTOR, VECTOR_SECRET), VECTOR_SIGN);
  });

  it('signs the UTF-8 bytes of non-ASCII values and secrets, with `&` in values kept as is', async () => {
    const input: Lti1p1SignatureInput = {
      consumerKey: 'clé&école',
      deploymentId: 'dép-01',
      issuer: 'https://lms.example.edu/ünï',
      clientId: 'c&7731',
      exp: 1767225900,
      nonce: 'n😀nce',
    };
    const secret = 'sécret&🔑';
    const base = 'clé&école&dép-01&https://lms.example.edu/ünï&c&7731&1767225900&n😀nce';
    assert.equal(lti1p1SignatureBaseString(input), base);
    assert.equal(await signLti1p1(input, secret), nodeSign(base, secret));
    // Not the Latin-1 or UTF-16 bytes: a different secret encoding gives a different MAC.
    assert.notEqual(await signLti1p1(input, secret), createHmac('sha256', Buffer.from(secret, 'latin1')).update(base, 'utf8').digest('base64'));
  });

  it('changes with every signed value and with the secret', async () => {
    const signs = new Set([await signLti1p1(VECTOR, VECTOR_SECRET)]);
    for (const changed of [
      { consumerKey: '179248903' },
      { deploymentId: '689303' },
      { issuer: 'https://lmsvendor.com/' },
      { clientId: 'PM48OJSfGDTAzAp' },
      { exp: VECTOR.exp + 1 },
      { nonce: '172we8671fd8y' },
    ]) {
      signs.add(await signLti1p1({ ...VECTOR, ...changed }, VECTOR_SECRET));
    }
    signs.add(await signLti1p1(VECTOR, 'my-lti11-secret2'));
    assert.equal(signs.size, 8);
  });
});

describe('verifyLti1p1Signature (MIG-004)', () => {
  it('accepts the vector', async () => {
    assert.equal(await verifyLti1p1Signature(VECTOR, VECTOR_SECRET, VECTOR_SIGN), true);
  });

  it('refuses another secret, an altered exp, a truncated or re-encoded sign', async () => {
    assert.equal(await verifyLti1p1Signature(VECTOR, 'another-secret', VECTOR_SIGN), false);
    assert.equal(await verifyLti1p1Signature({ ...VECTOR, exp: VECTOR.exp + 60 }, VECTOR_SECRET, VECTOR_SIGN), false);
    assert.equal(await verifyLti1p1Signature(VECTOR, VECTOR_SECRET, VECTOR_SIGN.slice(0, -1)), false);
    assert.equal(await verifyLti1p1Signature(VECTOR, VECTOR_SECRET, Buffer.from(VECTOR_SIGN, 'base64').toString('base64url')), false);
    assert.equal(await verifyLti1p1Signature(VECTOR, VECTOR_SECRET, ''), false);
  });
});

describe('readLti1p1Claim', () => {
  it('reads the spec example claim and ignores unknown members', () => {
    const claim = readLti1p1Claim({
      [LTI_CLAIM.lti1p1]: { user_id: '34212', oauth_consumer_key: '179248902', oauth_consumer_key_sign: VECTOR_SIGN, vendor_extra: 7 },
    });
    assert.deepEqual(claim, { user_id: '34212', oauth_consumer_key: '179248902', oauth_consumer_key_sign: VECTOR_SIGN });
  });

  it('is undefined without the claim (or a null one)', () => {
    assert.equal(readLti1p1Claim({}), undefined);
    assert.equal(readLti1p1Claim({ [LTI_CLAIM.lti1p1]: null }), undefined);
  });

  it('refuses a claim that is not an object, or a member that is not a string', () => {
    for (const value of ['179248902', 42, ['179248902'], true]) {
      throwsLtiError(() => readLti1p1Claim({ [LTI_CLAIM.lti1p1]: value }), 'ERR_LTI_LTI1P1_CLAIM_INVALID');
    }
    const error = throwsLtiError(() => readLti1p1Claim({ [LTI_CLAIM.lti1p1]: { oauth_consumer_key: 179248902 } }), 'ERR_LTI_LTI1P1_CLAIM_INVALID');
    assert.deepEqual(error.detail, { member: 'oauth_consumer_key' });
  });
});
