// The platform's `lti1p1` claim (lti11.md §5): signed over the same id_token's values (MIG-001), on
// every launch of a tool registered with `lti11ConsumerKey` (MIG-002), with the 1.1 ids that differ
// (MIG-003); a key the platform does not hold is a configuration error at createLaunch.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { fixedClock } from '../../../src/lib/clock.js';
import { signLti1p1 } from '../../../src/messages/lti1p1.js';
import { createPlatform } from '../../../src/platform/create_platform.js';
import { buildLti1p1Claim } from '../../../src/platform/launch/build_lti1p1_claim.js';
import { type LaunchRequest, checkLaunchRequest } from '../../../src/platform/launch/launch_request.js';
import { checkToolRegistration } from '../../../src/platform/registry.js';
import { createMemoryStores } from '../../../src/stores/memory.js';
import type { ToolRegistration } from '../../../src/stores/types.js';
import { LTI_CLAIM } from '../../../src/vocab/claims.js';
import { CONTEXT_ROLE } from '../../../src/vocab/roles.js';
import { rejectsLtiError, throwsLtiError } from '../../support/assert_lti_error.js';
import { parseForm } from '../../support/browser.js';

const T0 = 1_767_225_600;
const ISSUER = 'https://lms.example.edu';
const CONSUMER_KEY = 'ck-quiz-2014';
const SECRET = 'the-1.1-secret';

const migratedTool: ToolRegistration = {
  clientId: 'c-7731',
  name: 'Quiz tool',
  deploymentIds: ['dep-01'],
  initiateLoginUri: 'https://tool.example.com/lti/login',
  redirectUris: ['https://tool.example.com/lti/launch'],
  targetLinkUri: 'https://tool.example.com/lti/launch',
  claims: ['name'],
  lti11ConsumerKey: CONSUMER_KEY,
};

const launchRequest = (overrides: Partial<LaunchRequest> = {}): LaunchRequest => ({
  clientId: 'c-7731',
  deploymentId: 'dep-01',
  user: { id: 'u-8842' },
  roles: [CONTEXT_ROLE.Learner],
  context: { id: 'ctx-991' },
  resourceLink: { id: 'rl-5c8e' },
  ...overrides,
});

async function setup(options: { tool?: ToolRegistration; withCredential?: boolean; withStore?: boolean } = {}) {
  const clock = fixedClock(T0);
  const stores = createMemoryStores(clock);
  await stores.tools.saveTool(options.tool ?? migratedTool);
  if (options.withCredential ?? true) await stores.lti11.saveCredential({ consumerKey: CONSUMER_KEY, secret: SECRET, name: 'Quiz tool', createdAt: T0 - 86_400 });
  const platform = createPlatform({
    issuer: ISSUER,
    stores: (options.withStore ?? true) ? stores : { ...stores, lti11: undefined },
    clock,
    signingAlgorithm: 'ES256',
    currentUser: 'message-hint-only',
  });

  /** The tool's authentication request with `nonce` for an issued launch: the form the browser gets. */
  async function authenticate(parameters: Record<string, string>, nonce = 'nonce-1') {
    const url = new URL(platform.config.authorizationEndpoint);
    for (const [name, value] of Object.entries({
      scope: 'openid',
      response_type: 'id_token',
      response_mode: 'form_post',
      prompt: 'none',
      client_id: parameters.client_id!,
      redirect_uri: 'https://tool.example.com/lti/launch',
      login_hint: parameters.login_hint!,
      lti_message_hint: parameters.lti_message_hint!,
      state: 'state-1',
      nonce,
    })) {
      url.searchParams.set(name, value);
    }
    return parseForm(await (await platform.fetch(new Request(url))).text()).fields;
  }

  async function authorize(request: LaunchRequest, nonce = 'nonce-1') {
    return authenticate((await platform.createLaunch(request)).parameters, nonce);
  }

  async function idToken(request: LaunchRequest, nonce = 'nonce-1'): Promise<Record<string, unknown>> {
    const fields = await authorize(request, nonce);
    assert.ok(fields.id_token, `an id_token was issued: ${JSON.stringify(fields)}`);
    return decodeJwt(fields.id_token);
  }

  return { clock, stores, platform, authenticate, idToken };
}

/** Recomputes the sign from the token's own values with the vector-tested function (MIG-001). */
const expectedSign = (claims: Record<string, unknown>, secret = SECRET): Promise<string> =>
  signLti1p1(
    {
      consumerKey: CONSUMER_KEY,
      deploymentId: claims[LTI_CLAIM.deploymentId] as string,
      issuer: claims.iss as string,
      clientId: claims.aud as string,
      exp: claims.exp as number,
      nonce: claims.nonce as string,
    },
    secret,
  );

describe('the lti1p1 claim of a launch (MIG-001, MIG-002)', () => {
  it('signs the consumer key over the same id_token’s deployment, iss, aud, exp and nonce', async () => {
    const { idToken } = await setup();
    const claims = await idToken(launchRequest(), 'n-Ab3xY');
    assert.equal(claims.nonce, 'n-Ab3xY');
    assert.equal(claims.exp, T0 + 300);
    const claim = claims[LTI_CLAIM.lti1p1] as Record<string, string>;
    assert.deepEqual(Object.keys(claim).sort(), ['oauth_consumer_key', 'oauth_consumer_key_sign']);
    assert.equal(claim.oauth_consumer_key, CONSUMER_KEY);
    assert.equal(claim.oauth_consumer_key_sign, await expectedSign(claims));
  });

  it('signs each launch anew: another nonce, another sign', async () => {
    const { idToken } = await setup();
    const first = (await idToken(launchRequest(), 'nonce-a'))[LTI_CLAIM.lti1p1] as Record<string, string>;
    const second = (await idToken(launchRequest(), 'nonce-b'))[LTI_CLAIM.lti1p1] as Record<string, string>;
    assert.notEqual(first.oauth_consumer_key_sign, second.oauth_consumer_key_sign);
  });

  it('reproduces the spec vector from the example id_token', async () => {
    const claim = await buildLti1p1Claim(
      {
        iss: 'https://lmsvendor.com',
        aud: 'PM48OJSfGDTAzAo',
        sub: '3',
        nonce: '172we8671fd8z',
        iat: 1551290796,
        exp: 1551290856,
        [LTI_CLAIM.deploymentId]: '689302',
      },
      launchRequest({ user: { id: '3' }, lti1p1: { userId: '34212' } }),
      { consumerKey: '179248902', secret: 'my-lti11-secret', createdAt: 0 },
    );
    assert.deepEqual(claim, { user_id: '34212', oauth_consumer_key: '179248902', oauth_consumer_key_sign: 'lWd54kFo5qU7xshAna6v8BwoBm6tmUjc6GTax6+12ps=' });
  });

  it('sends the 1.1 ids that differ from the 1.3 ones, and only those (MIG-003)', async () => {
    const { idToken } = await setup();
    const claims = await idToken(launchRequest({ lti1p1: { userId: '34212', contextId: 'ctx-991', resourceLinkId: 'rl-legacy-77' } }));
    const claim = claims[LTI_CLAIM.lti1p1] as Record<string, string>;
    assert.equal(claim.user_id, '34212');
    assert.equal(claim.resource_link_id, 'rl-legacy-77');
    assert.equal('context_id' in claim, false, 'the context id did not change');
    const same = (await idToken(launchRequest({ lti1p1: { userId: 'u-8842', contextId: 'ctx-2014' } })))[LTI_CLAIM.lti1p1] as Record<string, string>;
    assert.equal('user_id' in same, false);
    assert.equal(same.context_id, 'ctx-2014');
  });

  it('comes with Deep Linking requests too, without a resource link id', async () => {
    const { idToken } = await setup();
    const claims = await idToken({
      ...launchRequest({ messageType: 'LtiDeepLinkingRequest', lti1p1: { userId: '34212', resourceLinkId: 'rl-legacy-77' } }),
      resourceLink: undefined,
      deepLinking: { accept_types: ['ltiResourceLink'], accept_presentation_document_targets: ['iframe'] },
    });
    assert.equal(claims[LTI_CLAIM.messageType], 'LtiDeepLinkingRequest');
    const claim = claims[LTI_CLAIM.lti1p1] as Record<string, string>;
    assert.deepEqual(claim, { user_id: '34212', oauth_consumer_key: CONSUMER_KEY, oauth_consumer_key_sign: await expectedSign(claims) });
  });

  it('is absent for a tool registered without a consumer key, whatever 1.1 ids are given', async () => {
    const { idToken } = await setup({ tool: { ...migratedTool, lti11ConsumerKey: undefined } });
    const claims = await idToken(launchRequest({ lti1p1: { userId: '34212' } }));
    assert.equal(claims[LTI_CLAIM.lti1p1], undefined);
  });

  it('cannot be supplied or replaced through `claims`', () => {
    throwsLtiError(() => checkLaunchRequest(launchRequest({ claims: { [LTI_CLAIM.lti1p1]: { oauth_consumer_key: 'x' } } })), 'ERR_LTI_LAUNCH_INPUT_INVALID');
  });

  it('refuses 1.1 ids that are not non-empty strings', () => {
    for (const lti1p1 of [{ userId: '' }, { contextId: 42 }, 'u-1', null] as unknown as LaunchRequest['lti1p1'][]) {
      const error = throwsLtiError(() => checkLaunchRequest(launchRequest({ lti1p1 })), 'ERR_LTI_LAUNCH_INPUT_INVALID');
      assert.match(String(error.detail?.field), /^lti1p1/);
    }
  });
});

describe('a consumer key the platform does not hold', () => {
  it('is refused at createLaunch, with its own code (ERR_LTI_LTI1P1_CREDENTIAL_UNKNOWN)', async () => {
    const { platform } = await setup({ withCredential: false });
    const error = await rejectsLtiError(platform.createLaunch(launchRequest()), 'ERR_LTI_LTI1P1_CREDENTIAL_UNKNOWN');
    assert.deepEqual(error.detail, { client_id: 'c-7731', consumer_key: CONSUMER_KEY });
  });

  it('is refused at createLaunch when the platform has no stores.lti11 at all', async () => {
    const { platform } = await setup({ withStore: false });
    await rejectsLtiError(platform.createLaunch(launchRequest()), 'ERR_LTI_LTI1P1_CREDENTIAL_UNKNOWN');
  });

  it('removed after createLaunch: the authorization endpoint posts the error back to the tool (OIDC-024)', async () => {
    const { stores, platform, authenticate } = await setup();
    const { parameters } = await platform.createLaunch(launchRequest());
    await stores.lti11.deleteCredential(CONSUMER_KEY);
    const fields = await authenticate(parameters);
    assert.equal(fields.id_token, undefined);
    assert.equal(fields.error, 'server_error');
    assert.match(fields.error_description ?? '', /^ERR_LTI_LTI1P1_CREDENTIAL_UNKNOWN: /);
    assert.equal(fields.state, 'state-1');
  });
});

describe('checkToolRegistration: lti11ConsumerKey', () => {
  const input = {
    name: 'Quiz tool',
    initiateLoginUri: 'https://tool.example.com/lti/login',
    redirectUris: ['https://tool.example.com/lti/launch'],
  };

  it('keeps a consumer key', () => {
    assert.equal(checkToolRegistration({ ...input, lti11ConsumerKey: CONSUMER_KEY }, { allowInsecureLoopback: false }).lti11ConsumerKey, CONSUMER_KEY);
    assert.equal('lti11ConsumerKey' in checkToolRegistration(input, { allowInsecureLoopback: false }), false);
  });

  it('refuses an empty or non-string consumer key, naming the field', () => {
    for (const lti11ConsumerKey of ['', '   ', 42, null]) {
      const error = throwsLtiError(
        () => checkToolRegistration({ ...input, lti11ConsumerKey: lti11ConsumerKey as string }, { allowInsecureLoopback: false }),
        'ERR_LTI_TOOL_REGISTRATION_INVALID',
      );
      assert.equal(error.detail?.field, 'lti11ConsumerKey');
    }
  });
});
