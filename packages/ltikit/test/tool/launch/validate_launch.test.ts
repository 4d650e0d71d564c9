import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { JWTPayload } from 'jose';
import { fixedClock } from '../../../src/lib/clock.js';
import { RemoteJwksCache } from '../../../src/keys/remote_jwks.js';
import { createMemoryStores } from '../../../src/stores/memory.js';
import type { PlatformRegistration } from '../../../src/stores/types.js';
import type { ToolOptions } from '../../../src/tool/config.js';
import { timingSafeEqualStrings } from '../../../src/lib/timing_safe_equal.js';
import { checkStateBoundToBrowser, validateLaunch, verifiedReturnUrlOf } from '../../../src/tool/launch/validate_launch.js';
import { initiateLogin, stateCookieName } from '../../../src/tool/login/initiate_login.js';
import { LTI_CLAIM } from '../../../src/vocab/claims.js';
import { CONTEXT_ROLE } from '../../../src/vocab/roles.js';
import { rejectsLtiError, throwsLtiError } from '../../support/assert_lti_error.js';
import { offlineLaunchContext } from '../../support/launch_context.js';
import { type TestPlatformKey, createPlatformKey } from '../../support/platform_key.js';

const T0 = 1_767_225_600;
const ISSUER = 'https://lms.example.edu';
const CLIENT_ID = 'c-7731';
const TARGET = 'https://tool.example.com/lti/launch';

let key: TestPlatformKey;
before(async () => {
  key = await createPlatformKey({ alg: 'ES256', kid: 'platform-key-1' });
});

const registration = (overrides: Partial<PlatformRegistration> = {}): PlatformRegistration => ({
  issuer: ISSUER,
  clientId: CLIENT_ID,
  deploymentIds: ['dep-01', 'dep-02'],
  authorizationEndpoint: `${ISSUER}/lti/authorize`,
  publicJwk: key.publicJwk,
  ...overrides,
});

async function setup(options: Partial<ToolOptions> = {}, platform: Partial<PlatformRegistration> = {}) {
  const clock = fixedClock(T0);
  const stores = createMemoryStores(clock);
  await stores.platforms.savePlatform(registration(platform));
  const context = offlineLaunchContext(stores, clock, options);
  const { config } = context;

  /** Runs a login initiation and returns what the browser and the platform would hold afterwards. */
  async function startLogin(parameters: Record<string, string> = {}) {
    const result = await initiateLogin(
      new URLSearchParams({ iss: ISSUER, login_hint: 'u-1', target_link_uri: TARGET, client_id: CLIENT_ID, ...parameters }),
      { config, singleUse: stores.singleUse, platforms: stores.platforms, clock },
    );
    const nonce = new URL(result.redirectUrl).searchParams.get('nonce')!;
    const cookies = new Map([[stateCookieName(result.state), result.state]]);
    return { state: result.state, nonce, cookies };
  }

  return { clock, stores, config, context, startLogin };
}

function payload(nonce: string, overrides: Record<string, unknown> = {}): JWTPayload {
  return {
    iss: ISSUER,
    aud: CLIENT_ID,
    azp: CLIENT_ID,
    sub: 'u-1',
    iat: T0,
    exp: T0 + 300,
    nonce,
    name: 'Ada Lovelace',
    [LTI_CLAIM.messageType]: 'LtiResourceLinkRequest',
    [LTI_CLAIM.version]: '1.3.0',
    [LTI_CLAIM.deploymentId]: 'dep-01',
    [LTI_CLAIM.targetLinkUri]: TARGET,
    [LTI_CLAIM.resourceLink]: { id: 'rl-1', title: 'Quiz' },
    [LTI_CLAIM.roles]: ['Instructor'],
    [LTI_CLAIM.launchPresentation]: { document_target: 'iframe', return_url: `${ISSUER}/return` },
    ...overrides,
  };
}

function without(value: JWTPayload, ...claims: string[]): JWTPayload {
  const copy = { ...value };
  for (const claim of claims) delete copy[claim];
  return copy;
}

describe('validateLaunch: a valid launch', () => {
  it('returns the typed launch, verified with the static public JWK (SEC-008)', async () => {
    const { context, startLogin } = await setup();
    const { state, nonce, cookies } = await startLogin();
    const launch = await validateLaunch({ idToken: await key.sign(payload(nonce)), state, cookies }, context);
    assert.equal(launch.issuer, ISSUER);
    assert.equal(launch.clientId, CLIENT_ID);
    assert.equal(launch.messageType, 'LtiResourceLinkRequest');
    assert.equal(launch.deploymentId, 'dep-01');
    assert.equal(launch.userId, 'u-1');
    assert.deepEqual(launch.roles, ['Instructor']);
    assert.deepEqual(launch.contextRoles, [CONTEXT_ROLE.Instructor]);
    assert.deepEqual(launch.resourceLink, { id: 'rl-1', title: 'Quiz' });
    assert.equal(launch.targetLinkUri, TARGET);
    assert.deepEqual(launch.person, { name: 'Ada Lovelace' });
    assert.equal(launch.launchPresentation?.return_url, `${ISSUER}/return`);
    assert.equal(launch.claims.nonce, nonce);
    assert.equal(launch.registration.clientId, CLIENT_ID);
  });

  it('refuses a resource link launch whose token omits target_link_uri (§4.1)', async () => {
    const { context, startLogin } = await setup();
    const { state, nonce, cookies } = await startLogin();
    await rejectsLtiError(
      validateLaunch({ idToken: await key.sign(without(payload(nonce), LTI_CLAIM.targetLinkUri)), state, cookies }, context),
      'ERR_LTI_TARGET_LINK_URI_MISSING',
    );
  });

  it('works with a registration found through its JWKS URL too', async () => {
    const fetched: string[] = [];
    const { context, startLogin } = await setup({}, { publicJwk: undefined, jwksUri: `${ISSUER}/jwks` });
    const jwksCache = new RemoteJwksCache({
      clock: context.clock,
      fetch: async (url) => {
        fetched.push(url);
        return Response.json({ keys: [key.publicJwk] });
      },
    });
    const { state, nonce, cookies } = await startLogin();
    const launch = await validateLaunch({ idToken: await key.sign(payload(nonce)), state, cookies }, { ...context, jwksCache });
    assert.equal(launch.userId, 'u-1');
    assert.deepEqual(fetched, [`${ISSUER}/jwks`]);
  });
});

describe('validateLaunch: the request', () => {
  it('reports a platform error instead of an id_token (OIDC-024)', async () => {
    const { context, startLogin } = await setup();
    const { state, cookies } = await startLogin();
    const error = await rejectsLtiError(
      validateLaunch({ idToken: undefined, state, error: 'login_required', errorDescription: 'user signed out', cookies }, context),
      'ERR_LTI_PLATFORM_REFUSED_LOGIN',
    );
    assert.deepEqual(error.detail, { error: 'login_required' });
    assert.ok(error.message.includes('login_required'));
  });

  it('reports a platform error even without state or cookie', async () => {
    const { context } = await setup();
    await rejectsLtiError(validateLaunch({ idToken: undefined, state: undefined, error: 'access_denied', cookies: new Map() }, context), 'ERR_LTI_PLATFORM_REFUSED_LOGIN');
  });

  it('caps the platform error description it repeats', async () => {
    const { context } = await setup();
    const error = await rejectsLtiError(
      validateLaunch({ idToken: undefined, state: undefined, error: 'server_error', errorDescription: 'x'.repeat(5000), cookies: new Map() }, context),
      'ERR_LTI_PLATFORM_REFUSED_LOGIN',
    );
    assert.ok(error.message.length < 400, `message of ${error.message.length} characters`);
  });

  it('refuses a missing id_token and a missing state', async () => {
    const { context, startLogin } = await setup();
    const { state, nonce, cookies } = await startLogin();
    await rejectsLtiError(validateLaunch({ idToken: undefined, state, cookies }, context), 'ERR_LTI_ID_TOKEN_MISSING');
    await rejectsLtiError(validateLaunch({ idToken: await key.sign(payload(nonce)), state: undefined, cookies }, context), 'ERR_LTI_STATE_MISSING');
  });

  it('refuses a state without its cookie, or with the cookie of another state (VAL-002)', async () => {
    const { context, startLogin } = await setup();
    const first = await startLogin();
    const second = await startLogin();
    const idToken = await key.sign(payload(first.nonce));
    await rejectsLtiError(validateLaunch({ idToken, state: first.state, cookies: new Map() }, context), 'ERR_LTI_STATE_MISMATCH');
    await rejectsLtiError(validateLaunch({ idToken, state: first.state, cookies: second.cookies }, context), 'ERR_LTI_STATE_MISMATCH');
    // A refused binding does not use up the state: the right browser can still complete the launch.
    const launch = await validateLaunch({ idToken, state: first.state, cookies: first.cookies }, context);
    assert.equal(launch.userId, 'u-1');
  });

  it('refuses a state that was never issued, even with a matching cookie', async () => {
    const { context, startLogin } = await setup();
    const { nonce } = await startLogin();
    const forged = 'A'.repeat(43);
    await rejectsLtiError(
      validateLaunch({ idToken: await key.sign(payload(nonce)), state: forged, cookies: new Map([[stateCookieName(forged), forged]]) }, context),
      'ERR_LTI_STATE_UNKNOWN',
    );
  });

  it('refuses an expired state', async () => {
    const { context, startLogin, clock } = await setup({ stateLifetimeSeconds: 60 });
    const { state, nonce, cookies } = await startLogin();
    clock.advance(60);
    await rejectsLtiError(validateLaunch({ idToken: await key.sign(payload(nonce, { iat: T0 + 60, exp: T0 + 360 })), state, cookies }, context), 'ERR_LTI_STATE_UNKNOWN');
  });

  it('does not spend the state on a token that fails verification, so a forged post cannot burn a login', async () => {
    const { context, startLogin } = await setup();
    const { state, nonce, cookies } = await startLogin();
    const forger = await createPlatformKey({ alg: 'ES256', kid: 'platform-key-1' });
    await rejectsLtiError(validateLaunch({ idToken: await forger.sign(payload(nonce)), state, cookies }, context), 'ERR_LTI_JWT_SIGNATURE_INVALID');
    await rejectsLtiError(validateLaunch({ idToken: 'garbage.garbage.garbage', state, cookies }, context), 'ERR_LTI_JWT_MALFORMED');
    const launch = await validateLaunch({ idToken: await key.sign(payload(nonce)), state, cookies }, context);
    assert.equal(launch.userId, 'u-1');
  });

  it('spends the state once a verified token with its nonce arrives, even when a later check fails', async () => {
    const { context, startLogin } = await setup();
    const { state, nonce, cookies } = await startLogin();
    await rejectsLtiError(
      validateLaunch({ idToken: await key.sign(payload(nonce, { [LTI_CLAIM.deploymentId]: 'dep-unknown' })), state, cookies }, context),
      'ERR_LTI_DEPLOYMENT_UNKNOWN',
    );
    await rejectsLtiError(validateLaunch({ idToken: await key.sign(payload(nonce)), state, cookies }, context), 'ERR_LTI_STATE_UNKNOWN');
  });

  it('lets exactly one of two concurrent posts of one launch through', async () => {
    const { context, startLogin } = await setup();
    const { state, nonce, cookies } = await startLogin();
    const idToken = await key.sign(payload(nonce));
    const results = await Promise.allSettled([validateLaunch({ idToken, state, cookies }, context), validateLaunch({ idToken, state, cookies }, context)]);
    assert.equal(results.filter((result) => result.status === 'fulfilled').length, 1);
    const rejected = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    assert.equal(rejected.reason.code, 'ERR_LTI_STATE_UNKNOWN');
  });

  it('refuses a replayed launch POST', async () => {
    const { context, startLogin } = await setup();
    const { state, nonce, cookies } = await startLogin();
    const idToken = await key.sign(payload(nonce));
    await validateLaunch({ idToken, state, cookies }, context);
    await rejectsLtiError(validateLaunch({ idToken, state, cookies }, context), 'ERR_LTI_STATE_UNKNOWN');
  });

  it('refuses when the registration was removed between login and launch', async () => {
    const { context, startLogin, stores } = await setup();
    const { state, nonce, cookies } = await startLogin();
    await stores.platforms.deletePlatform(ISSUER, CLIENT_ID);
    await rejectsLtiError(validateLaunch({ idToken: await key.sign(payload(nonce)), state, cookies }, context), 'ERR_LTI_PLATFORM_UNKNOWN');
  });
});

describe('validateLaunch: the nonce (VAL-011)', () => {
  it('refuses a nonce other than the one issued with this state', async () => {
    const { context, startLogin } = await setup();
    const { state, cookies } = await startLogin();
    await rejectsLtiError(validateLaunch({ idToken: await key.sign(payload('another-nonce')), state, cookies }, context), 'ERR_LTI_NONCE_MISMATCH');
  });

  it('refuses an accepted token posted again with a later login’s state (its nonce is not that state’s)', async () => {
    const { context, startLogin } = await setup();
    const first = await startLogin();
    const second = await startLogin();
    const idToken = await key.sign(payload(first.nonce));
    await validateLaunch({ idToken, state: first.state, cookies: first.cookies }, context);
    await rejectsLtiError(validateLaunch({ idToken, state: second.state, cookies: second.cookies }, context), 'ERR_LTI_NONCE_MISMATCH');
  });

  it('refuses a token without nonce', async () => {
    const { context, startLogin } = await setup();
    const { state, nonce, cookies } = await startLogin();
    await rejectsLtiError(validateLaunch({ idToken: await key.sign(without(payload(nonce), 'nonce')), state, cookies }, context), 'ERR_LTI_NONCE_MISSING');
  });
});

describe('validateLaunch: LTI claims', () => {
  it('refuses an id_token from another issuer string (trailing slash)', async () => {
    const { context, startLogin } = await setup();
    const { state, nonce, cookies } = await startLogin();
    await rejectsLtiError(validateLaunch({ idToken: await key.sign(payload(nonce, { iss: `${ISSUER}/` })), state, cookies }, context), 'ERR_LTI_ISSUER_MISMATCH');
  });

  it('refuses a message type this endpoint does not handle', async () => {
    const { context, startLogin } = await setup();
    const { state, nonce, cookies } = await startLogin();
    const error = await rejectsLtiError(
      validateLaunch({ idToken: await key.sign(payload(nonce, { [LTI_CLAIM.messageType]: 'LtiDeepLinkingRequest' })), state, cookies }, context),
      'ERR_LTI_MESSAGE_TYPE_UNSUPPORTED',
    );
    assert.deepEqual(error.detail, { message_type: 'LtiDeepLinkingRequest' });
  });

  it('refuses a deployment id the registration does not know (VAL-014)', async () => {
    const { context, startLogin } = await setup();
    const { state, nonce, cookies } = await startLogin();
    const error = await rejectsLtiError(
      validateLaunch({ idToken: await key.sign(payload(nonce, { [LTI_CLAIM.deploymentId]: 'dep-99' })), state, cookies }, context),
      'ERR_LTI_DEPLOYMENT_UNKNOWN',
    );
    assert.deepEqual(error.detail, { deployment_id: 'dep-99' });
  });

  it('refuses a deployment id other than the lti_deployment_id sent at login', async () => {
    const { context, startLogin } = await setup();
    const { state, nonce, cookies } = await startLogin({ lti_deployment_id: 'dep-01' });
    const error = await rejectsLtiError(
      validateLaunch({ idToken: await key.sign(payload(nonce, { [LTI_CLAIM.deploymentId]: 'dep-02' })), state, cookies }, context),
      'ERR_LTI_DEPLOYMENT_MISMATCH',
    );
    assert.deepEqual(error.detail, { deployment_id: 'dep-02' });
  });

  it('accepts any registered deployment when the login named none', async () => {
    const { context, startLogin } = await setup();
    const { state, nonce, cookies } = await startLogin();
    const launch = await validateLaunch({ idToken: await key.sign(payload(nonce, { [LTI_CLAIM.deploymentId]: 'dep-02' })), state, cookies }, context);
    assert.equal(launch.deploymentId, 'dep-02');
  });

  it('refuses an anonymous launch unless allowAnonymous (VAL-017)', async () => {
    const refusing = await setup();
    const login = await refusing.startLogin();
    await rejectsLtiError(
      validateLaunch({ idToken: await key.sign(without(payload(login.nonce), 'sub')), state: login.state, cookies: login.cookies }, refusing.context),
      'ERR_LTI_SUBJECT_REQUIRED',
    );

    const allowing = await setup({ allowAnonymous: true });
    const allowed = await allowing.startLogin();
    const launch = await validateLaunch(
      { idToken: await key.sign(without(payload(allowed.nonce), 'sub')), state: allowed.state, cookies: allowed.cookies },
      allowing.context,
    );
    assert.equal(launch.userId, undefined);
  });

  it('refuses an empty sub even when anonymous launches are allowed', async () => {
    const { context, startLogin } = await setup({ allowAnonymous: true });
    const { state, nonce, cookies } = await startLogin();
    await rejectsLtiError(validateLaunch({ idToken: await key.sign(payload(nonce, { sub: '' })), state, cookies }, context), 'ERR_LTI_SUBJECT_EMPTY');
  });

  it('refuses a resource link launch without resource link (VAL-016)', async () => {
    const { context, startLogin } = await setup();
    const { state, nonce, cookies } = await startLogin();
    await rejectsLtiError(
      validateLaunch({ idToken: await key.sign(without(payload(nonce), LTI_CLAIM.resourceLink)), state, cookies }, context),
      'ERR_LTI_RESOURCE_LINK_MISSING',
    );
  });

  it('refuses a target_link_uri other than the one of the login (VAL-018)', async () => {
    const { context, startLogin } = await setup();
    const { state, nonce, cookies } = await startLogin();
    const error = await rejectsLtiError(
      validateLaunch({ idToken: await key.sign(payload(nonce, { [LTI_CLAIM.targetLinkUri]: 'https://tool.example.com/lti/other' })), state, cookies }, context),
      'ERR_LTI_TARGET_LINK_URI_MISMATCH',
    );
    assert.deepEqual(error.detail, { target_link_uri: 'https://tool.example.com/lti/other' });
  });

  it('refuses a target_link_uri no longer allowed by the tool configuration', async () => {
    const { context, startLogin } = await setup();
    const { state, nonce, cookies } = await startLogin();
    const narrowed = { ...context, config: { ...context.config, allowedTargetLinkUris: ['https://tool.example.com/other/'] } };
    await rejectsLtiError(validateLaunch({ idToken: await key.sign(payload(nonce)), state, cookies }, narrowed), 'ERR_LTI_TARGET_LINK_URI_NOT_ALLOWED');
  });
});

describe('checkStateBoundToBrowser', () => {
  it('accepts the cookie named after the state holding that state', () => {
    const state = 'abcdefghijklmnopqrstuvwxyz0123456789';
    checkStateBoundToBrowser(state, new Map([[stateCookieName(state), state]]));
  });

  it('refuses a missing cookie or a cookie holding another state with the same prefix', () => {
    const state = 'abcdefghijklmnopqrstuvwxyz0123456789';
    throwsLtiError(() => checkStateBoundToBrowser(state, new Map()), 'ERR_LTI_STATE_MISMATCH');
    throwsLtiError(() => checkStateBoundToBrowser(state, new Map([[stateCookieName(state), `${state.slice(0, 16)}-different`]])), 'ERR_LTI_STATE_MISMATCH');
  });
});

describe('timingSafeEqualStrings', () => {
  it('is true for equal strings, including empty and non-ASCII ones', () => {
    assert.equal(timingSafeEqualStrings('abc', 'abc'), true);
    assert.equal(timingSafeEqualStrings('', ''), true);
    assert.equal(timingSafeEqualStrings('état✓', 'état✓'), true);
  });

  it('is false for any difference: last character, length, prefix, case', () => {
    assert.equal(timingSafeEqualStrings('abc', 'abd'), false);
    assert.equal(timingSafeEqualStrings('abc', 'abcd'), false);
    assert.equal(timingSafeEqualStrings('abcd', 'abc'), false);
    assert.equal(timingSafeEqualStrings('', 'a'), false);
    assert.equal(timingSafeEqualStrings('abc', 'ABC'), false);
  });

  it('does not treat a trailing NUL as padding', () => {
    assert.equal(timingSafeEqualStrings('a', 'a\u0000'), false);
    assert.equal(timingSafeEqualStrings('a\u0000', 'a'), false);
  });

  it('is false when lengths differ by a multiple of 256 bytes', () => {
    assert.equal(timingSafeEqualStrings('', 'x'.repeat(256)), false);
    assert.equal(timingSafeEqualStrings('a', `a${'\u0000'.repeat(256)}`), false);
  });
});

describe('validateLaunch: the way back after a failure (RET-003)', () => {
  it('offers the verified return URL when a check after the signature fails', async () => {
    const { context, startLogin } = await setup();
    const { state, nonce, cookies } = await startLogin();
    const error = await rejectsLtiError(
      validateLaunch({ idToken: await key.sign(payload(nonce, { [LTI_CLAIM.deploymentId]: 'dep-unknown' })), state, cookies }, context),
      'ERR_LTI_DEPLOYMENT_UNKNOWN',
    );
    assert.equal(verifiedReturnUrlOf(error), `${ISSUER}/return`);
  });

  it('never offers a return URL from a token whose signature did not verify', async () => {
    const { context, startLogin } = await setup();
    const { state, nonce, cookies } = await startLogin();
    const other = await createPlatformKey({ alg: 'ES256', kid: 'platform-key-1' });
    const forged = await other.sign(payload(nonce, { [LTI_CLAIM.launchPresentation]: { return_url: 'https://evil.example/' } }));
    const error = await rejectsLtiError(validateLaunch({ idToken: forged, state, cookies }, context), 'ERR_LTI_JWT_SIGNATURE_INVALID');
    assert.equal(verifiedReturnUrlOf(error), undefined);
  });
});

describe('validateLaunch: the used-nonce record (VAL-011)', () => {
  it('refuses a nonce used before even when a store hands the same state out twice', async () => {
    const { context, stores, startLogin, clock } = await setup();
    const { state, nonce, cookies } = await startLogin();
    const idToken = await key.sign(payload(nonce));
    // Keep a copy of the state record, then let the launch consume it.
    const record = await stores.singleUse.consume('lti_state', state);
    assert.ok(record);
    await stores.singleUse.issue('lti_state', state, record, clock.now() + 600);
    await validateLaunch({ idToken, state, cookies }, context);
    // A lagging replica hands the consumed state out again.
    await stores.singleUse.issue('lti_state', state, record, clock.now() + 600);
    await rejectsLtiError(validateLaunch({ idToken, state, cookies }, context), 'ERR_LTI_NONCE_REPLAYED');
  });

  it('does not burn the nonce when the token is posted with another login\u2019s state', async () => {
    const { context, startLogin } = await setup();
    const victim = await startLogin();
    const attacker = await startLogin();
    const victimToken = await key.sign(payload(victim.nonce));
    await rejectsLtiError(validateLaunch({ idToken: victimToken, state: attacker.state, cookies: attacker.cookies }, context), 'ERR_LTI_NONCE_MISMATCH');
    const launch = await validateLaunch({ idToken: victimToken, state: victim.state, cookies: victim.cookies }, context);
    assert.equal(launch.userId, 'u-1');
  });
});
