import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixedClock } from '../../src/lib/clock.js';
import type { LtiMessageEvent } from '../../src/lib/observe.js';
import type { PlatformOptions } from '../../src/platform/config.js';
import { createPlatform, resolvePlatformConfig } from '../../src/platform/create_platform.js';
import type { LaunchRequest } from '../../src/platform/launch/launch_request.js';
import { createMemoryStores } from '../../src/stores/memory.js';
import type { ToolRegistration } from '../../src/stores/types.js';
import { CONTEXT_ROLE } from '../../src/vocab/roles.js';
import { rejectsLtiError, throwsLtiError } from '../support/assert_lti_error.js';

const T0 = 1_767_225_600;
const ISSUER = 'https://lms.example.edu';

const stores = () => createMemoryStores(fixedClock(T0));

describe('resolvePlatformConfig: validation', () => {
  it('accepts an https issuer and derives every endpoint from it', () => {
    const config = resolvePlatformConfig({ issuer: ISSUER, stores: stores() });
    assert.equal(config.issuer, ISSUER);
    assert.equal(config.basePath, '');
    assert.equal(config.authorizationEndpoint, `${ISSUER}/lti/authorize`);
    assert.equal(config.returnEndpoint, `${ISSUER}/lti/return`);
    assert.equal(config.jwksUri, `${ISSUER}/.well-known/jwks.json`);
    assert.equal(config.openidConfigurationUrl, `${ISSUER}/.well-known/openid-configuration`);
    assert.equal(config.product.guid, 'lms.example.edu');
    assert.equal(config.idTokenLifetimeSeconds, 300);
    assert.equal(config.messageHintLifetimeSeconds, 300);
    assert.equal(config.allowInsecureLoopback, false);
  });

  it('keeps the issuer string exactly as configured (path and trailing slash included)', () => {
    assert.equal(resolvePlatformConfig({ issuer: `${ISSUER}/tenant/`, stores: stores() }).issuer, `${ISSUER}/tenant/`);
    assert.equal(resolvePlatformConfig({ issuer: `${ISSUER}/tenant/`, stores: stores() }).authorizationEndpoint, `${ISSUER}/tenant/lti/authorize`);
  });

  it('refuses an http issuer', () => {
    throwsLtiError(() => resolvePlatformConfig({ issuer: 'http://lms.example.edu', stores: stores() }), 'ERR_LTI_PLATFORM_CONFIG_INVALID');
  });

  it('refuses an http issuer off loopback even with allowInsecureLoopback', () => {
    throwsLtiError(() => resolvePlatformConfig({ issuer: 'http://lms.example.edu', stores: stores(), allowInsecureLoopback: true }), 'ERR_LTI_PLATFORM_CONFIG_INVALID');
  });

  it('refuses an http loopback issuer without allowInsecureLoopback and accepts it with', () => {
    throwsLtiError(() => resolvePlatformConfig({ issuer: 'http://127.0.0.1:8080', stores: stores() }), 'ERR_LTI_PLATFORM_CONFIG_INVALID');
    const config = resolvePlatformConfig({ issuer: 'http://127.0.0.1:8080', stores: stores(), allowInsecureLoopback: true });
    assert.equal(config.authorizationEndpoint, 'http://127.0.0.1:8080/lti/authorize');
    assert.equal(resolvePlatformConfig({ issuer: 'http://localhost:3000', stores: stores(), allowInsecureLoopback: true }).product.guid, 'localhost:3000');
  });

  it('refuses an http baseUrl under an https issuer', () => {
    throwsLtiError(() => resolvePlatformConfig({ issuer: ISSUER, baseUrl: 'http://lms.example.edu', stores: stores() }), 'ERR_LTI_PLATFORM_CONFIG_INVALID');
  });

  it('refuses an issuer with a query or a fragment, even an empty one', () => {
    for (const issuer of [`${ISSUER}?tenant=1`, `${ISSUER}/#x`, `${ISSUER}?`, `${ISSUER}#`]) {
      throwsLtiError(() => resolvePlatformConfig({ issuer, stores: stores() }), 'ERR_LTI_PLATFORM_CONFIG_INVALID');
    }
  });

  it('refuses an issuer that is not a URL or carries credentials', () => {
    throwsLtiError(() => resolvePlatformConfig({ issuer: 'lms.example.edu', stores: stores() }), 'ERR_LTI_PLATFORM_CONFIG_INVALID');
    throwsLtiError(() => resolvePlatformConfig({ issuer: 'https://admin:pw@lms.example.edu', stores: stores() }), 'ERR_LTI_PLATFORM_CONFIG_INVALID');
  });

  it('mounts the endpoints under baseUrl', () => {
    const config = resolvePlatformConfig({ issuer: ISSUER, baseUrl: `${ISSUER}/lms/`, stores: stores() });
    assert.equal(config.basePath, '/lms');
    assert.equal(config.authorizationEndpoint, `${ISSUER}/lms/lti/authorize`);
  });

  it('applies the product and lifetimes given', () => {
    const config = resolvePlatformConfig({
      issuer: ISSUER,
      stores: stores(),
      product: { guid: 'guid-1', name: 'LMS' },
      idTokenLifetimeSeconds: 60,
      messageHintLifetimeSeconds: 120,
    });
    assert.deepEqual(config.product, { guid: 'guid-1', name: 'LMS' });
    assert.equal(config.idTokenLifetimeSeconds, 60);
    assert.equal(config.messageHintLifetimeSeconds, 120);
  });

  it('makes createPlatform throw on an invalid configuration', () => {
    throwsLtiError(() => createPlatform({ issuer: 'http://lms.example.edu', stores: stores(), currentUser: 'message-hint-only' }), 'ERR_LTI_PLATFORM_CONFIG_INVALID');
  });
});

const toolRegistration: ToolRegistration = {
  clientId: 'c-7731',
  name: 'Quiz tool',
  deploymentIds: ['dep-01'],
  initiateLoginUri: 'https://tool.example.com/lti/login',
  redirectUris: ['https://tool.example.com/lti/launch'],
  targetLinkUri: 'https://tool.example.com/lti/launch',
  claims: ['name'],
};

const launch = (overrides: Partial<LaunchRequest> = {}): LaunchRequest => ({
  clientId: 'c-7731',
  deploymentId: 'dep-01',
  user: { id: 'u-1', name: 'Ada' },
  roles: [CONTEXT_ROLE.Learner],
  resourceLink: { id: 'rl-1' },
  ...overrides,
});

async function observedPlatform(observer: PlatformOptions['observer']) {
  const clock = fixedClock(T0);
  const platformStores = createMemoryStores(clock);
  await platformStores.tools.saveTool(toolRegistration);
  const platform = createPlatform({ issuer: ISSUER, stores: platformStores, clock, signingAlgorithm: 'ES256', observer, currentUser: 'message-hint-only' });
  return { platform, platformStores };
}

/** The tool's authentication request for an issued login initiation, as a GET URL. */
function authenticationRequest(parameters: Record<string, string>, overrides: Record<string, string | undefined> = {}): string {
  const url = new URL(`${ISSUER}/lti/authorize`);
  const values: Record<string, string | undefined> = {
    scope: 'openid',
    response_type: 'id_token',
    response_mode: 'form_post',
    prompt: 'none',
    client_id: parameters.client_id,
    redirect_uri: 'https://tool.example.com/lti/launch',
    login_hint: parameters.login_hint,
    lti_message_hint: parameters.lti_message_hint,
    state: 'state-1',
    nonce: 'nonce-1',
    ...overrides,
  };
  for (const [name, value] of Object.entries(values)) if (value !== undefined) url.searchParams.set(name, value);
  return url.href;
}

describe('createPlatform: observer', () => {
  it('receives one accepted event per login initiation', async () => {
    const events: LtiMessageEvent[] = [];
    const { platform } = await observedPlatform((event) => events.push(event));
    const initiation = await platform.createLaunch(launch());
    assert.equal(events.length, 1);
    const [event] = events;
    assert.equal(event!.side, 'platform');
    assert.equal(event!.kind, 'login_initiation');
    assert.equal(event!.direction, 'sent');
    assert.equal(event!.outcome, 'accepted');
    assert.equal(event!.messageType, 'LtiResourceLinkRequest');
    assert.equal(event!.clientId, 'c-7731');
    assert.equal(event!.deploymentId, 'dep-01');
    assert.equal(event!.errorCode, undefined);
    assert.ok(event!.durationMs >= 0);
    assert.equal(initiation.parameters.client_id, 'c-7731');
  });

  it('receives one rejected event with the error code when a login initiation fails', async () => {
    const events: LtiMessageEvent[] = [];
    const { platform } = await observedPlatform((event) => events.push(event));
    await rejectsLtiError(platform.createLaunch(launch({ clientId: 'unknown' })), 'ERR_LTI_TOOL_UNKNOWN');
    await rejectsLtiError(platform.createLaunch(launch({ deploymentId: 'dep-99' })), 'ERR_LTI_TOOL_DEPLOYMENT_UNKNOWN');
    await rejectsLtiError(platform.createLaunch(launch({ resourceLink: { id: '' } })), 'ERR_LTI_LAUNCH_INPUT_INVALID');
    assert.deepEqual(
      events.map((event) => [event.kind, event.outcome, event.errorCode, event.clientId]),
      [
        ['login_initiation', 'rejected', 'ERR_LTI_TOOL_UNKNOWN', 'unknown'],
        ['login_initiation', 'rejected', 'ERR_LTI_TOOL_DEPLOYMENT_UNKNOWN', 'c-7731'],
        ['login_initiation', 'rejected', 'ERR_LTI_LAUNCH_INPUT_INVALID', 'c-7731'],
      ],
    );
  });

  it('receives one accepted event per authorization, with the issued claims', async () => {
    const events: LtiMessageEvent[] = [];
    const { platform } = await observedPlatform((event) => events.push(event));
    const { parameters } = await platform.createLaunch(launch());
    events.length = 0;
    const response = await platform.fetch(new Request(authenticationRequest(parameters)));
    assert.equal(response.status, 200);
    assert.ok((await response.text()).includes('name="id_token"'));
    assert.equal(events.length, 1);
    const [event] = events;
    assert.equal(event!.kind, 'authentication_response');
    assert.equal(event!.outcome, 'accepted');
    assert.equal(event!.clientId, 'c-7731');
    assert.equal(event!.deploymentId, 'dep-01');
    assert.equal(event!.messageType, 'LtiResourceLinkRequest');
    assert.equal(event!.errorCode, undefined);
    assert.equal(event!.claims?.nonce, '[redacted]', 'observers never see the nonce');
    assert.equal(event!.claims?.sub, 'u-1');
  });

  it('receives one rejected event per refused authorization, with the error code', async () => {
    const events: LtiMessageEvent[] = [];
    const { platform } = await observedPlatform((event) => events.push(event));
    const first = await platform.createLaunch(launch());
    const second = await platform.createLaunch(launch());
    events.length = 0;

    const badScope = await platform.fetch(new Request(authenticationRequest(first.parameters, { scope: 'openid profile' })));
    assert.equal(badScope.status, 200, 'posted back to the registered redirect URI (OIDC-024)');
    const unknownClient = await platform.fetch(new Request(authenticationRequest(second.parameters, { client_id: 'nobody' }), { headers: { accept: 'application/json' } }));
    assert.equal(unknownClient.status, 400);
    const wrongRedirect = await platform.fetch(new Request(authenticationRequest(second.parameters, { redirect_uri: 'https://evil.example/launch' })));
    assert.equal(wrongRedirect.status, 400);

    assert.deepEqual(
      events.map((event) => [event.kind, event.outcome, event.errorCode, event.clientId]),
      [
        ['authentication_response', 'rejected', 'ERR_LTI_AUTH_SCOPE_INVALID', 'c-7731'],
        ['authentication_response', 'rejected', 'ERR_LTI_AUTH_CLIENT_UNKNOWN', undefined],
        ['authentication_response', 'rejected', 'ERR_LTI_AUTH_REDIRECT_URI_NOT_REGISTERED', undefined],
      ],
    );
    assert.ok(events.every((event) => event.claims === undefined));
  });

  it('an observer that throws changes nothing', async () => {
    let calls = 0;
    const { platform } = await observedPlatform(() => {
      calls += 1;
      throw new Error('observer failure');
    });
    const initiation = await platform.createLaunch(launch());
    assert.ok(initiation.loginUrl.startsWith('https://tool.example.com/lti/login?'));
    await rejectsLtiError(platform.createLaunch(launch({ clientId: 'unknown' })), 'ERR_LTI_TOOL_UNKNOWN');

    const accepted = await platform.fetch(new Request(authenticationRequest(initiation.parameters)));
    assert.equal(accepted.status, 200);
    assert.ok((await accepted.text()).includes('name="id_token"'));
    const refused = await platform.fetch(new Request(authenticationRequest(initiation.parameters), { headers: { accept: 'application/json' } }));
    assert.equal(refused.status, 200);
    assert.ok((await refused.text()).includes('ERR_LTI_AUTH_MESSAGE_HINT_INVALID'));
    assert.equal(calls, 4);
  });

  it('works without an observer', async () => {
    const { platform } = await observedPlatform(undefined);
    const initiation = await platform.createLaunch(launch());
    const response = await platform.fetch(new Request(authenticationRequest(initiation.parameters)));
    assert.equal(response.status, 200);
  });
});

describe('createPlatform: createLaunch', () => {
  it('returns the tool login URL with the OIDC-002 parameters', async () => {
    const { platform } = await observedPlatform(undefined);
    const initiation = await platform.createLaunch(launch());
    const url = new URL(initiation.loginUrl);
    assert.equal(`${url.origin}${url.pathname}`, 'https://tool.example.com/lti/login');
    assert.deepEqual(Object.fromEntries(url.searchParams), initiation.parameters);
    assert.equal(initiation.parameters.iss, ISSUER);
    assert.equal(initiation.parameters.login_hint, 'u-1');
    assert.equal(initiation.parameters.target_link_uri, 'https://tool.example.com/lti/launch');
    assert.equal(initiation.parameters.client_id, 'c-7731');
    assert.equal(initiation.parameters.lti_deployment_id, 'dep-01');
    assert.ok(initiation.parameters.lti_message_hint!.length >= 32);
    assert.equal(initiation.tool.clientId, 'c-7731');
  });

  it('issues a different message hint and launch id per launch', async () => {
    const { platform } = await observedPlatform(undefined);
    const first = await platform.createLaunch(launch());
    const second = await platform.createLaunch(launch());
    assert.notEqual(first.parameters.lti_message_hint, second.parameters.lti_message_hint);
    assert.notEqual(first.launchId, second.launchId);
  });
});

describe('createPlatform: currentUser and onError', () => {
  it('requires currentUser to be a function or the explicit message-hint-only opt-out', () => {
    const options = { issuer: ISSUER, stores: stores() } as unknown as Parameters<typeof createPlatform>[0];
    throwsLtiError(() => createPlatform(options), 'ERR_LTI_PLATFORM_CONFIG_INVALID');
  });

  it('reports every error it answers, and a throwing reporter changes nothing', async () => {
    const reported: string[] = [];
    const platform = createPlatform({
      issuer: ISSUER,
      stores: stores(),
      currentUser: 'message-hint-only',
      onError: (error) => {
        reported.push(error.code);
        throw new Error('broken reporter');
      },
    });
    const missing = await platform.fetch(new Request(`${ISSUER}/nowhere`));
    assert.equal(missing.status, 404);
    const authorize = await platform.fetch(new Request(`${ISSUER}/lti/authorize?client_id=unknown`));
    assert.equal(authorize.status, 400);
    assert.deepEqual(reported, ['ERR_LTI_NOT_FOUND', 'ERR_LTI_AUTH_CLIENT_UNKNOWN']);
  });
});
