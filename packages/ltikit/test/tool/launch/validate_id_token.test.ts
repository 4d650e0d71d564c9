import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { JWTPayload } from 'jose';
import { fixedClock } from '../../../src/lib/clock.js';
import { RemoteJwksCache } from '../../../src/keys/remote_jwks.js';
import type { PlatformRegistration } from '../../../src/stores/types.js';
import {
  type IdTokenValidationContext,
  checkAlgorithmApproved,
  checkAudience,
  checkIssuer,
  checkJwtWellFormed,
  checkKidPresent,
  checkNoncePresent,
  checkSignature,
  checkTimestamps,
  validateIdToken,
} from '../../../src/tool/launch/validate_id_token.js';
import { rejectsLtiError, throwsLtiError } from '../../support/assert_lti_error.js';
import { type TestPlatformKey, createPlatformKey, unsignedToken } from '../../support/platform_key.js';

const T0 = 1_767_225_600;
const ISSUER = 'https://lms.example.edu';
const CLIENT_ID = 'c-7731';
const JWKS_URI = 'https://lms.example.edu/.well-known/jwks.json';

const registration = (overrides: Partial<PlatformRegistration> = {}): PlatformRegistration => ({
  issuer: ISSUER,
  clientId: CLIENT_ID,
  deploymentIds: ['dep-01'],
  authorizationEndpoint: `${ISSUER}/lti/authorize`,
  ...overrides,
});

function context(overrides: Partial<IdTokenValidationContext> = {}): IdTokenValidationContext {
  const clock = fixedClock(T0);
  return {
    registration: registration(),
    jwksCache: new RemoteJwksCache({ clock, fetch: async () => new Response('unexpected fetch', { status: 500 }) }),
    clock,
    clockToleranceSeconds: 60,
    maxTokenAgeSeconds: 600,
    ...overrides,
  };
}

const claims = (overrides: JWTPayload = {}): JWTPayload => ({
  iss: ISSUER,
  aud: CLIENT_ID,
  sub: 'u-1',
  iat: T0,
  exp: T0 + 300,
  nonce: 'n-1',
  ...overrides,
});

describe('checkJwtWellFormed (VAL-001)', () => {
  it('returns the protected header of a three-part JWT', () => {
    assert.deepEqual(checkJwtWellFormed(unsignedToken({ alg: 'RS256', kid: 'k1' }, {})), { alg: 'RS256', kid: 'k1' });
  });

  for (const token of ['', 'abc', 'a.b', 'a.b.c.d', 'a.b.c.d.e']) {
    it(`refuses ${JSON.stringify(token)} as not three parts`, () => {
      const error = throwsLtiError(() => checkJwtWellFormed(token), 'ERR_LTI_JWT_MALFORMED');
      assert.deepEqual(error.detail, { reason: 'not three parts' });
    });
  }

  it('refuses a header that is not JSON', () => {
    const error = throwsLtiError(() => checkJwtWellFormed(unsignedToken('not json', {})), 'ERR_LTI_JWT_MALFORMED');
    assert.deepEqual(error.detail, { reason: 'header is not JSON' });
    throwsLtiError(() => checkJwtWellFormed('!!!.e30.c2ln'), 'ERR_LTI_JWT_MALFORMED');
  });
});

describe('checkAlgorithmApproved (VAL-003, SEC-002, SEC-003)', () => {
  for (const alg of ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512']) {
    it(`accepts ${alg}`, () => assert.equal(checkAlgorithmApproved({ alg }), alg));
  }
  for (const alg of ['none', 'HS256', 'PS256', 'EdDSA', 'rs256', undefined]) {
    it(`refuses ${String(alg)}`, () => {
      const error = throwsLtiError(() => checkAlgorithmApproved(alg === undefined ? {} : { alg }), 'ERR_LTI_JWT_ALG_NOT_ALLOWED');
      assert.deepEqual(error.detail, { alg: alg ?? null });
    });
  }
});

describe('checkKidPresent (SEC-004)', () => {
  it('returns the kid', () => assert.equal(checkKidPresent({ alg: 'RS256', kid: 'k1' }), 'k1'));
  it('refuses a missing or empty kid', () => {
    throwsLtiError(() => checkKidPresent({ alg: 'RS256' }), 'ERR_LTI_JWT_KID_MISSING');
    throwsLtiError(() => checkKidPresent({ alg: 'RS256', kid: '' }), 'ERR_LTI_JWT_KID_MISSING');
  });
});

describe('checkIssuer (VAL-006)', () => {
  it('accepts the exact registered issuer', () => {
    checkIssuer({ iss: ISSUER }, registration());
    checkIssuer({ iss: `${ISSUER}/` }, registration({ issuer: `${ISSUER}/` }));
  });

  it('refuses a trailing-slash difference in either direction', () => {
    const error = throwsLtiError(() => checkIssuer({ iss: `${ISSUER}/` }, registration()), 'ERR_LTI_ISSUER_MISMATCH');
    assert.deepEqual(error.detail, { expected: ISSUER, received: `${ISSUER}/` });
    throwsLtiError(() => checkIssuer({ iss: ISSUER }, registration({ issuer: `${ISSUER}/` })), 'ERR_LTI_ISSUER_MISMATCH');
  });

  it('refuses case and scheme differences (no normalisation)', () => {
    throwsLtiError(() => checkIssuer({ iss: 'https://LMS.example.edu' }, registration()), 'ERR_LTI_ISSUER_MISMATCH');
    throwsLtiError(() => checkIssuer({ iss: 'http://lms.example.edu' }, registration()), 'ERR_LTI_ISSUER_MISMATCH');
  });

  it('refuses a missing iss', () => {
    const error = throwsLtiError(() => checkIssuer({}, registration()), 'ERR_LTI_ISSUER_MISMATCH');
    assert.equal(error.detail?.received, null);
  });
});

describe('checkAudience (VAL-007, VAL-008)', () => {
  it('accepts a string aud equal to the client id', () => checkAudience({ aud: CLIENT_ID }, registration()));

  it('refuses a string aud that is another client id', () => {
    const error = throwsLtiError(() => checkAudience({ aud: 'c-other' }, registration()), 'ERR_LTI_AUDIENCE_MISMATCH');
    assert.deepEqual(error.detail, { client_id: CLIENT_ID });
  });

  it('refuses a missing aud', () => {
    throwsLtiError(() => checkAudience({}, registration()), 'ERR_LTI_AUDIENCE_MISMATCH');
  });

  it('accepts an array with only the client id and no azp', () => checkAudience({ aud: [CLIENT_ID] }, registration()));

  it('refuses an array without the client id, even with a matching azp', () => {
    throwsLtiError(() => checkAudience({ aud: ['a', 'b'], azp: CLIENT_ID }, registration()), 'ERR_LTI_AUDIENCE_MISMATCH');
    throwsLtiError(() => checkAudience({ aud: [] }, registration()), 'ERR_LTI_AUDIENCE_MISMATCH');
  });

  it('requires azp when aud has several values', () => {
    throwsLtiError(() => checkAudience({ aud: [CLIENT_ID, 'other'] }, registration(), ['other']), 'ERR_LTI_AZP_MISSING');
    checkAudience({ aud: [CLIENT_ID, 'other'], azp: CLIENT_ID }, registration(), ['other']);
  });

  it('refuses audiences the tool does not trust, even with a correct azp', () => {
    const error = throwsLtiError(() => checkAudience({ aud: [CLIENT_ID, 'other', 'third'], azp: CLIENT_ID }, registration(), ['other']), 'ERR_LTI_AUDIENCE_UNTRUSTED');
    assert.deepEqual(error.detail, { aud: ['third'] });
  });

  it('refuses an azp that is not the client id, with one or several audiences', () => {
    throwsLtiError(() => checkAudience({ aud: [CLIENT_ID, 'other'], azp: 'other' }, registration(), ['other']), 'ERR_LTI_AZP_MISMATCH');
    const error = throwsLtiError(() => checkAudience({ aud: CLIENT_ID, azp: 'other' }, registration()), 'ERR_LTI_AZP_MISMATCH');
    assert.deepEqual(error.detail, { client_id: CLIENT_ID });
  });

  it('accepts an azp equal to the client id with a single audience', () => checkAudience({ aud: CLIENT_ID, azp: CLIENT_ID }, registration()));
});

describe('checkTimestamps (VAL-009, VAL-010), tolerance 60 s, max age 600 s', () => {
  const check = (payload: JWTPayload): void => checkTimestamps(payload, context());

  it('accepts a fresh token', () => check({ iat: T0, exp: T0 + 300 }));

  it('refuses a missing or non-numeric exp and iat', () => {
    throwsLtiError(() => check({ iat: T0 }), 'ERR_LTI_TOKEN_EXP_MISSING');
    throwsLtiError(() => check({ iat: T0, exp: String(T0 + 300) as unknown as number }), 'ERR_LTI_TOKEN_EXP_MISSING');
    throwsLtiError(() => check({ exp: T0 + 300 }), 'ERR_LTI_TOKEN_IAT_MISSING');
    throwsLtiError(() => check({ exp: T0 + 300, iat: null as unknown as number }), 'ERR_LTI_TOKEN_IAT_MISSING');
  });

  it('accepts exp one second inside the tolerance and refuses it exactly at the boundary', () => {
    check({ iat: T0 - 100, exp: T0 - 59 });
    throwsLtiError(() => check({ iat: T0 - 100, exp: T0 - 60 }), 'ERR_LTI_TOKEN_EXPIRED');
    throwsLtiError(() => check({ iat: T0 - 100, exp: T0 - 61 }), 'ERR_LTI_TOKEN_EXPIRED');
  });

  it('accepts iat exactly at the future tolerance and refuses one second beyond', () => {
    check({ iat: T0 + 60, exp: T0 + 360 });
    throwsLtiError(() => check({ iat: T0 + 61, exp: T0 + 361 }), 'ERR_LTI_TOKEN_ISSUED_IN_FUTURE');
  });

  it('accepts iat exactly max age plus tolerance old and refuses one second older', () => {
    check({ iat: T0 - 660, exp: T0 + 300 });
    throwsLtiError(() => check({ iat: T0 - 661, exp: T0 + 300 }), 'ERR_LTI_TOKEN_TOO_OLD');
  });

  it('refuses the certification case exp=22222, iat=11111', () => {
    throwsLtiError(() => check({ iat: 11111, exp: 22222 }), 'ERR_LTI_TOKEN_EXPIRED');
  });

  it('uses the configured tolerance (0 s)', () => {
    const strict = context({ clockToleranceSeconds: 0, maxTokenAgeSeconds: 10 });
    throwsLtiError(() => checkTimestamps({ iat: T0 - 1, exp: T0 }, strict), 'ERR_LTI_TOKEN_EXPIRED');
    throwsLtiError(() => checkTimestamps({ iat: T0 + 1, exp: T0 + 10 }, strict), 'ERR_LTI_TOKEN_ISSUED_IN_FUTURE');
    throwsLtiError(() => checkTimestamps({ iat: T0 - 11, exp: T0 + 10 }, strict), 'ERR_LTI_TOKEN_TOO_OLD');
    checkTimestamps({ iat: T0 - 10, exp: T0 + 1 }, strict);
  });
});

describe('checkNoncePresent (VAL-011)', () => {
  it('returns the nonce', () => assert.equal(checkNoncePresent({ nonce: 'n-1' }), 'n-1'));
  it('refuses a missing, empty or non-string nonce', () => {
    for (const nonce of [undefined, '', 42, null]) throwsLtiError(() => checkNoncePresent({ nonce }), 'ERR_LTI_NONCE_MISSING');
  });
});

describe('checkSignature (VAL-005) and validateIdToken', () => {
  let key: TestPlatformKey;
  let otherKey: TestPlatformKey;
  let rsaKey: TestPlatformKey;

  before(async () => {
    key = await createPlatformKey({ alg: 'ES256', kid: 'platform-key-1' });
    otherKey = await createPlatformKey({ alg: 'ES256', kid: 'platform-key-1' });
    rsaKey = await createPlatformKey({ alg: 'RS256', kid: 'platform-rsa' });
  });

  const staticContext = (overrides: Partial<IdTokenValidationContext> = {}): IdTokenValidationContext =>
    context({ registration: registration({ publicJwk: key.publicJwk }), ...overrides });

  it('verifies with a static public JWK of the registration (SEC-008) and returns the payload', async () => {
    const payload = await validateIdToken(await key.sign(claims()), staticContext());
    assert.equal(payload.sub, 'u-1');
    assert.equal(payload.nonce, 'n-1');
  });

  it('verifies with an RS256 key from the registration JWKS URL (fetched through the cache)', async () => {
    const fetched: string[] = [];
    const clock = fixedClock(T0);
    const jwksCache = new RemoteJwksCache({
      clock,
      fetch: async (url) => {
        fetched.push(url);
        return Response.json({ keys: [rsaKey.publicJwk] });
      },
    });
    const ctx = context({ clock, jwksCache, registration: registration({ jwksUri: JWKS_URI }) });
    const payload = await validateIdToken(await rsaKey.sign(claims()), ctx);
    assert.equal(payload.iss, ISSUER);
    await validateIdToken(await rsaKey.sign(claims({ nonce: 'n-2' })), ctx);
    assert.deepEqual(fetched, [JWKS_URI]);
  });

  it('refuses a token signed by another key with the same kid', async () => {
    await rejectsLtiError(validateIdToken(await otherKey.sign(claims()), staticContext()), 'ERR_LTI_JWT_SIGNATURE_INVALID');
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const [header, , signature] = (await key.sign(claims())).split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify(claims({ sub: 'admin' }))).toString('base64url')}.${signature}`;
    await rejectsLtiError(validateIdToken(forged, staticContext()), 'ERR_LTI_JWT_SIGNATURE_INVALID');
  });

  it('refuses a header kid other than the static key kid', async () => {
    await rejectsLtiError(validateIdToken(await key.sign(claims(), { kid: 'other-kid' }), staticContext()), 'ERR_LTI_JWT_KID_UNKNOWN');
  });

  it('refuses an RS256 header when the registered key is EC', async () => {
    const token = unsignedToken({ alg: 'RS256', kid: key.kid }, claims());
    await rejectsLtiError(checkSignature(token, checkJwtWellFormed(token), { ...staticContext(), keys: staticContext().registration }), 'ERR_LTI_JWT_ALG_KEY_MISMATCH');
  });

  it('refuses a registration with neither JWKS URL nor public key', async () => {
    const token = await key.sign(claims());
    await rejectsLtiError(validateIdToken(token, context()), 'ERR_LTI_PLATFORM_CONFIG_INVALID');
  });

  it('refuses alg none and HS256 before looking for a key', async () => {
    await rejectsLtiError(validateIdToken(unsignedToken({ alg: 'none', kid: key.kid }, claims(), ''), staticContext()), 'ERR_LTI_JWT_ALG_NOT_ALLOWED');
    await rejectsLtiError(validateIdToken(unsignedToken({ alg: 'HS256', kid: key.kid }, claims()), staticContext()), 'ERR_LTI_JWT_ALG_NOT_ALLOWED');
  });

  it('refuses a token without kid', async () => {
    await rejectsLtiError(validateIdToken(await key.sign(claims(), { kid: undefined }), staticContext()), 'ERR_LTI_JWT_KID_MISSING');
  });

  it('refuses a token that is not a JWT', async () => {
    await rejectsLtiError(validateIdToken('not-a-jwt', staticContext()), 'ERR_LTI_JWT_MALFORMED');
  });

  it('refuses a correctly signed payload that is not a JSON object', async () => {
    for (const text of ['[1,2]', '"text"', 'not json']) {
      await rejectsLtiError(validateIdToken(await key.signText(text), staticContext()), 'ERR_LTI_JWT_MALFORMED');
    }
  });

  it('runs the checks in order: issuer, then audience, then timestamps, then nonce', async () => {
    const ctx = staticContext();
    const everythingWrong = claims({ iss: `${ISSUER}/`, aud: 'other', iat: T0 + 1000, exp: T0 + 1300, nonce: '' });
    await rejectsLtiError(validateIdToken(await key.sign(everythingWrong), ctx), 'ERR_LTI_ISSUER_MISMATCH');
    await rejectsLtiError(validateIdToken(await key.sign({ ...everythingWrong, iss: ISSUER }), ctx), 'ERR_LTI_AUDIENCE_MISMATCH');
    await rejectsLtiError(validateIdToken(await key.sign({ ...everythingWrong, iss: ISSUER, aud: CLIENT_ID }), ctx), 'ERR_LTI_TOKEN_ISSUED_IN_FUTURE');
    await rejectsLtiError(validateIdToken(await key.sign(claims({ nonce: '' })), ctx), 'ERR_LTI_NONCE_MISSING');
  });

  it('refuses an expired token at the tolerance boundary and accepts it one second earlier', async () => {
    const ctx = staticContext();
    await rejectsLtiError(validateIdToken(await key.sign(claims({ iat: T0 - 200, exp: T0 - 60 })), ctx), 'ERR_LTI_TOKEN_EXPIRED');
    const payload = await validateIdToken(await key.sign(claims({ iat: T0 - 200, exp: T0 - 59 })), ctx);
    assert.equal(payload.exp, T0 - 59);
  });

  it('refuses a token without exp or iat', async () => {
    const ctx = staticContext();
    const { exp: _exp, ...noExp } = claims();
    await rejectsLtiError(validateIdToken(await key.sign(noExp), ctx), 'ERR_LTI_TOKEN_EXP_MISSING');
    const { iat: _iat, ...noIat } = claims();
    await rejectsLtiError(validateIdToken(await key.sign(noIat), ctx), 'ERR_LTI_TOKEN_IAT_MISSING');
  });

  it('refuses a token older than the maximum age', async () => {
    await rejectsLtiError(validateIdToken(await key.sign(claims({ iat: T0 - 661, exp: T0 + 300 })), staticContext()), 'ERR_LTI_TOKEN_TOO_OLD');
  });
});
