import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixedClock } from '../../../src/lib/clock.js';
import { createMemoryStores } from '../../../src/stores/memory.js';
import type { PlatformRegistration, SingleUseStore } from '../../../src/stores/types.js';
import type { ToolOptions } from '../../../src/tool/config.js';
import { resolveToolConfig } from '../../../src/tool/create_tool.js';
import {
  type LoginState,
  STATE_KIND,
  findRegistration,
  initiateLogin,
  isAllowedTargetLinkUri,
  stateCookieName,
} from '../../../src/tool/login/initiate_login.js';
import { rejectsLtiError } from '../../support/assert_lti_error.js';

const T0 = 1_767_225_600;
const ISSUER = 'https://lms.example.edu';

const registration = (overrides: Partial<PlatformRegistration> = {}): PlatformRegistration => ({
  issuer: ISSUER,
  clientId: 'c-7731',
  deploymentIds: ['dep-01', 'dep-02'],
  authorizationEndpoint: 'https://lms.example.edu/lti/authorize',
  jwksUri: 'https://lms.example.edu/.well-known/jwks.json',
  ...overrides,
});

async function setup(options: Partial<ToolOptions> = {}, registrations: PlatformRegistration[] = [registration()]) {
  const clock = fixedClock(T0);
  const stores = createMemoryStores(clock);
  for (const item of registrations) await stores.platforms.savePlatform(item);
  const config = resolveToolConfig({
    baseUrl: 'https://tool.example.com/lti',
    stores,
    onLaunch: () => new Response('ok'),
    ...options,
  });
  const context = { config, singleUse: stores.singleUse, platforms: stores.platforms, clock };
  return { clock, stores, config, context };
}

const login = (overrides: Record<string, string | undefined> = {}): URLSearchParams => {
  const base: Record<string, string | undefined> = {
    iss: ISSUER,
    login_hint: 'u-8842',
    target_link_uri: 'https://tool.example.com/lti/launch',
    lti_message_hint: 'eyJtc2ciOiJybC0xMjMifQ',
    lti_deployment_id: 'dep-01',
    client_id: 'c-7731',
    ...overrides,
  };
  const parameters = new URLSearchParams();
  for (const [name, value] of Object.entries(base)) if (value !== undefined) parameters.set(name, value);
  return parameters;
};

describe('initiateLogin: required parameters (OIDC-003)', () => {
  it('refuses a missing or empty iss', async () => {
    const { context } = await setup();
    await rejectsLtiError(initiateLogin(login({ iss: undefined }), context), 'ERR_LTI_LOGIN_ISS_MISSING');
    await rejectsLtiError(initiateLogin(login({ iss: '' }), context), 'ERR_LTI_LOGIN_ISS_MISSING');
  });

  it('refuses a missing login_hint', async () => {
    const { context } = await setup();
    await rejectsLtiError(initiateLogin(login({ login_hint: undefined }), context), 'ERR_LTI_LOGIN_HINT_MISSING');
  });

  it('refuses a missing target_link_uri', async () => {
    const { context } = await setup();
    await rejectsLtiError(initiateLogin(login({ target_link_uri: undefined }), context), 'ERR_LTI_LOGIN_TARGET_LINK_URI_MISSING');
  });

  it('checks iss before login_hint before target_link_uri', async () => {
    const { context } = await setup();
    await rejectsLtiError(initiateLogin(new URLSearchParams(), context), 'ERR_LTI_LOGIN_ISS_MISSING');
    await rejectsLtiError(initiateLogin(new URLSearchParams({ iss: ISSUER }), context), 'ERR_LTI_LOGIN_HINT_MISSING');
  });

  it('refuses a repeated parameter', async () => {
    const { context } = await setup();
    const parameters = login();
    parameters.append('client_id', 'c-other');
    await rejectsLtiError(initiateLogin(parameters, context), 'ERR_LTI_REQUEST_MALFORMED');
  });
});

describe('initiateLogin: registration lookup (OIDC-003, OIDC-004)', () => {
  it('refuses an unknown issuer', async () => {
    const { context } = await setup();
    const error = await rejectsLtiError(initiateLogin(login({ iss: 'https://other.example.edu' }), context), 'ERR_LTI_PLATFORM_UNKNOWN');
    assert.equal(error.detail?.iss, 'https://other.example.edu');
  });

  it('refuses an issuer that differs by a trailing slash', async () => {
    const { context } = await setup();
    await rejectsLtiError(initiateLogin(login({ iss: `${ISSUER}/` }), context), 'ERR_LTI_PLATFORM_UNKNOWN');
  });

  it('refuses a known issuer with an unknown client_id', async () => {
    const { context } = await setup();
    const error = await rejectsLtiError(initiateLogin(login({ client_id: 'c-other' }), context), 'ERR_LTI_PLATFORM_UNKNOWN');
    assert.deepEqual(error.detail, { iss: ISSUER, client_id: 'c-other' });
  });

  it('uses the only registration of an issuer when client_id is absent', async () => {
    const { context } = await setup();
    const result = await initiateLogin(login({ client_id: undefined }), context);
    assert.equal(result.registration.clientId, 'c-7731');
    assert.equal(new URL(result.redirectUrl).searchParams.get('client_id'), 'c-7731');
  });

  it('refuses an issuer with several registrations when client_id is absent', async () => {
    const { context } = await setup({}, [registration(), registration({ clientId: 'c-2' })]);
    await rejectsLtiError(initiateLogin(login({ client_id: undefined }), context), 'ERR_LTI_PLATFORM_AMBIGUOUS');
  });

  it('picks the registration named by client_id among several', async () => {
    const { context } = await setup({}, [
      registration(),
      registration({ clientId: 'c-2', deploymentIds: ['dep-01'], authorizationEndpoint: 'https://lms.example.edu/other/authorize' }),
    ]);
    const result = await initiateLogin(login({ client_id: 'c-2' }), context);
    assert.equal(result.registration.clientId, 'c-2');
    assert.ok(result.redirectUrl.startsWith('https://lms.example.edu/other/authorize?'));
  });

  it('refuses an lti_deployment_id unknown to the registration', async () => {
    const { context } = await setup();
    const error = await rejectsLtiError(initiateLogin(login({ lti_deployment_id: 'dep-99' }), context), 'ERR_LTI_DEPLOYMENT_UNKNOWN');
    assert.deepEqual(error.detail, { deployment_id: 'dep-99' });
  });

  it('accepts a login without lti_deployment_id', async () => {
    const { context, stores } = await setup();
    const result = await initiateLogin(login({ lti_deployment_id: undefined }), context);
    const stored = JSON.parse((await stores.singleUse.consume(STATE_KIND, result.state))!) as LoginState;
    assert.equal(stored.deploymentId, undefined);
    assert.ok(!('deploymentId' in stored));
  });

  it('findRegistration reports an empty issuer list as unknown', async () => {
    const { stores } = await setup({}, []);
    await rejectsLtiError(findRegistration(stores.platforms, ISSUER, undefined), 'ERR_LTI_PLATFORM_UNKNOWN');
  });
});

describe('initiateLogin: target_link_uri (OIDC-005)', () => {
  it('accepts any URL under the origin of baseUrl by default', async () => {
    const { context } = await setup();
    const result = await initiateLogin(login({ target_link_uri: 'https://tool.example.com/elsewhere?x=1' }), context);
    assert.ok(result.state);
  });

  for (const target of [
    'https://evil.example/lti/launch',
    'http://tool.example.com/lti/launch',
    'https://tool.example.com:8443/lti/launch',
    'https://tool.example.com.evil.example/lti/launch',
    'https://tool.example.com@evil.example/',
    'https://user:pass@tool.example.com/lti/launch',
    'javascript:alert(1)',
    '/lti/launch',
    'not a url',
  ]) {
    it(`refuses ${target}`, async () => {
      const { context } = await setup();
      const error = await rejectsLtiError(initiateLogin(login({ target_link_uri: target }), context), 'ERR_LTI_TARGET_LINK_URI_NOT_ALLOWED');
      assert.deepEqual(error.detail, { target_link_uri: target });
    });
  }

  it('checks the deployment before the target link', async () => {
    const { context } = await setup();
    await rejectsLtiError(
      initiateLogin(login({ lti_deployment_id: 'dep-99', target_link_uri: 'https://evil.example/' }), context),
      'ERR_LTI_DEPLOYMENT_UNKNOWN',
    );
  });

  it('does not store a state for a refused login', async () => {
    const { context, stores } = await setup();
    const issuedKinds: string[] = [];
    const singleUse: SingleUseStore = {
      issue: (kind, key, value, expiresAt) => {
        issuedKinds.push(kind);
        return stores.singleUse.issue(kind, key, value, expiresAt);
      },
      peek: (kind, key) => stores.singleUse.peek(kind, key),
      consume: (kind, key) => stores.singleUse.consume(kind, key),
      remember: (kind, key, expiresAt) => stores.singleUse.remember(kind, key, expiresAt),
    };
    await rejectsLtiError(initiateLogin(login({ target_link_uri: 'https://evil.example/' }), { ...context, singleUse }), 'ERR_LTI_TARGET_LINK_URI_NOT_ALLOWED');
    assert.deepEqual(issuedKinds, []);
    await initiateLogin(login(), { ...context, singleUse });
    assert.deepEqual(issuedKinds, [STATE_KIND]);
  });
});

describe('isAllowedTargetLinkUri', () => {
  const allowed = ['https://tool.example.com/lti/', 'https://tool.example.com/exact'];

  it('matches an entry ending in / as a prefix', () => {
    assert.equal(isAllowedTargetLinkUri('https://tool.example.com/lti/launch', allowed), true);
    assert.equal(isAllowedTargetLinkUri('https://tool.example.com/lti/', allowed), true);
    assert.equal(isAllowedTargetLinkUri('https://tool.example.com/lti/a/b?c=d#e', allowed), true);
  });

  it('does not treat a prefix without / as a prefix', () => {
    assert.equal(isAllowedTargetLinkUri('https://tool.example.com/exact', allowed), true);
    assert.equal(isAllowedTargetLinkUri('https://tool.example.com/exact/more', allowed), false);
    assert.equal(isAllowedTargetLinkUri('https://tool.example.com/exactly', allowed), false);
    assert.equal(isAllowedTargetLinkUri('https://tool.example.com/exact?x=1', allowed), false);
  });

  it('does not match a sibling of the prefix directory', () => {
    assert.equal(isAllowedTargetLinkUri('https://tool.example.com/lti', allowed), false);
    assert.equal(isAllowedTargetLinkUri('https://tool.example.com/ltix/launch', allowed), false);
  });

  it('compares normalized URLs, so dot segments cannot climb out of the prefix', () => {
    assert.equal(isAllowedTargetLinkUri('https://tool.example.com/lti/../admin', allowed), false);
    assert.equal(isAllowedTargetLinkUri('https://tool.example.com/lti/./launch', allowed), true);
    assert.equal(isAllowedTargetLinkUri('https://TOOL.example.com/lti/launch', allowed), true);
  });

  it('refuses URLs with user information (the @ trick)', () => {
    assert.equal(isAllowedTargetLinkUri('https://tool.example.com@evil.example/', ['https://evil.example/']), false);
    assert.equal(isAllowedTargetLinkUri('https://tool.example.com:x@tool.example.com/lti/launch', allowed), false);
  });

  it('refuses everything when nothing is allowed', () => {
    assert.equal(isAllowedTargetLinkUri('https://tool.example.com/lti/launch', []), false);
  });
});

describe('initiateLogin: authentication request (OIDC-010..013)', () => {
  it('redirects to the authorization endpoint with every OIDC parameter', async () => {
    const { context, config } = await setup();
    const result = await initiateLogin(login(), context);
    const url = new URL(result.redirectUrl);
    assert.equal(`${url.origin}${url.pathname}`, 'https://lms.example.edu/lti/authorize');
    const parameters = Object.fromEntries(url.searchParams);
    assert.deepEqual(Object.keys(parameters).sort(), [
      'client_id',
      'login_hint',
      'lti_message_hint',
      'nonce',
      'prompt',
      'redirect_uri',
      'response_mode',
      'response_type',
      'scope',
      'state',
    ]);
    assert.equal(parameters.scope, 'openid');
    assert.equal(parameters.response_type, 'id_token');
    assert.equal(parameters.response_mode, 'form_post');
    assert.equal(parameters.prompt, 'none');
    assert.equal(parameters.client_id, 'c-7731');
    assert.equal(parameters.redirect_uri, 'https://tool.example.com/lti/launch');
    assert.equal(parameters.redirect_uri, config.launchUrl);
    assert.equal(parameters.login_hint, 'u-8842');
    assert.equal(parameters.lti_message_hint, 'eyJtc2ciOiJybC0xMjMifQ');
    assert.equal(parameters.state, result.state);
  });

  it('echoes opaque hints unchanged, special characters included', async () => {
    const { context } = await setup();
    const result = await initiateLogin(login({ login_hint: 'a b&c=d/é', lti_message_hint: '{"x":"+/="}' }), context);
    const parameters = new URL(result.redirectUrl).searchParams;
    assert.equal(parameters.get('login_hint'), 'a b&c=d/é');
    assert.equal(parameters.get('lti_message_hint'), '{"x":"+/="}');
  });

  it('omits lti_message_hint when the platform sent none', async () => {
    const { context } = await setup();
    const result = await initiateLogin(login({ lti_message_hint: undefined }), context);
    assert.equal(new URL(result.redirectUrl).searchParams.has('lti_message_hint'), false);
  });

  it('keeps a query the authorization endpoint already has', async () => {
    const { context } = await setup({}, [registration({ authorizationEndpoint: 'https://lms.example.edu/auth?tenant=7' })]);
    const result = await initiateLogin(login(), context);
    assert.equal(new URL(result.redirectUrl).searchParams.get('tenant'), '7');
  });

  it('creates a different state and nonce of at least 32 characters per login', async () => {
    const { context } = await setup();
    const seen = new Set<string>();
    for (let index = 0; index < 20; index++) {
      const parameters = new URL((await initiateLogin(login(), context)).redirectUrl).searchParams;
      const state = parameters.get('state')!;
      const nonce = parameters.get('nonce')!;
      assert.ok(state.length >= 32, state);
      assert.ok(nonce.length >= 32, nonce);
      assert.match(state, /^[A-Za-z0-9_-]+$/);
      assert.notEqual(state, nonce);
      seen.add(state);
      seen.add(nonce);
    }
    assert.equal(seen.size, 40);
  });

  it('remembers the login under the state until the state lifetime ends (OIDC-012)', async () => {
    const { context, stores, clock } = await setup({ stateLifetimeSeconds: 120 });
    const result = await initiateLogin(login(), context);
    const nonce = new URL(result.redirectUrl).searchParams.get('nonce');
    const record = JSON.parse((await stores.singleUse.consume(STATE_KIND, result.state))!) as LoginState;
    assert.deepEqual(record, {
      issuer: ISSUER,
      clientId: 'c-7731',
      nonce,
      targetLinkUri: 'https://tool.example.com/lti/launch',
      issuedAt: T0,
      deploymentId: 'dep-01',
    });

    const expiring = await initiateLogin(login(), context);
    clock.advance(120);
    assert.equal(await stores.singleUse.consume(STATE_KIND, expiring.state), undefined);
  });

  it('binds the state with a __Host- SameSite=None; Secure; Partitioned; HttpOnly cookie on Path=/ (OIDC-011)', async () => {
    const { context } = await setup();
    const result = await initiateLogin(login(), context);
    const attributes = result.setCookie.split('; ');
    assert.equal(attributes[0], `${stateCookieName(result.state)}=${result.state}`);
    for (const attribute of ['SameSite=None', 'Secure', 'Partitioned', 'HttpOnly', 'Path=/', 'Max-Age=600']) {
      assert.ok(attributes.includes(attribute), `${attribute} in ${result.setCookie}`);
    }
  });

  it('leaves Partitioned out when partitionedCookies is false', async () => {
    const { context } = await setup({ partitionedCookies: false });
    const result = await initiateLogin(login(), context);
    assert.ok(!result.setCookie.includes('Partitioned'));
    assert.ok(result.setCookie.includes('SameSite=None'));
  });

  it('names each state cookie after its state so parallel launches do not collide', async () => {
    const { context } = await setup();
    const first = await initiateLogin(login(), context);
    const second = await initiateLogin(login(), context);
    assert.notEqual(stateCookieName(first.state), stateCookieName(second.state));
    assert.match(stateCookieName(first.state), /^__Host-ltikit_state_[A-Za-z0-9_-]{16}$/);
  });
});

describe('initiateLogin: parameter length caps', () => {
  it('refuses oversized hints and URLs before storing anything, naming the parameter', async () => {
    const { context } = await setup();
    const cases: Array<[string, number]> = [
      ['login_hint', 4097],
      ['lti_message_hint', 8193],
      ['target_link_uri', 2049],
      ['lti_deployment_id', 256],
    ];
    for (const [name, length] of cases) {
      const value = name === 'target_link_uri' ? `https://tool.example.com/lti/${'a'.repeat(length)}` : 'x'.repeat(length);
      const error = await rejectsLtiError(initiateLogin(login({ [name]: value }), context), 'ERR_LTI_REQUEST_MALFORMED');
      assert.equal(error.detail?.parameter, name);
    }
    const issued: string[] = [];
    const counting: SingleUseStore = {
      issue: async (kind, key) => void issued.push(`${kind}:${key}`),
      peek: (kind, key) => context.singleUse.peek(kind, key),
      consume: (kind, key) => context.singleUse.consume(kind, key),
      remember: (kind, key, expiresAt) => context.singleUse.remember(kind, key, expiresAt),
    };
    await rejectsLtiError(initiateLogin(login({ login_hint: 'x'.repeat(5000) }), { ...context, singleUse: counting }), 'ERR_LTI_REQUEST_MALFORMED');
    assert.deepEqual(issued, []);
    // At the cap exactly, the login goes through.
    await initiateLogin(login({ login_hint: 'x'.repeat(4096) }), context);
  });
});
