// The tool's launch endpoint receiving LtiDeepLinkingRequest (DL-010): accepted when the tool lists
// the message type, with `launch.deepLinking` holding the settings; each missing part refused with
// its code; the certification payload (no target_link_uri, no resource_link) accepted.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { JWTPayload } from 'jose';
import { fixedClock } from '../../../src/lib/clock.js';
import { createMemoryStores } from '../../../src/stores/memory.js';
import type { ToolOptions } from '../../../src/tool/config.js';
import { validateLaunch } from '../../../src/tool/launch/validate_launch.js';
import { initiateLogin, stateCookieName } from '../../../src/tool/login/initiate_login.js';
import { DL_CLAIM, LTI_CLAIM } from '../../../src/vocab/claims.js';
import { CONTEXT_ROLE } from '../../../src/vocab/roles.js';
import { rejectsLtiError } from '../../support/assert_lti_error.js';
import { offlineLaunchContext } from '../../support/launch_context.js';
import { type TestPlatformKey, createPlatformKey } from '../../support/platform_key.js';

const T0 = 1_767_225_600;
const ISSUER = 'https://lms.example.edu';
const CLIENT_ID = 'c-7731';
const TARGET = 'https://tool.example.com/lti/launch?picker=1';
const RETURN_URL = `${ISSUER}/lti/deep-linking/return?launch=l-1`;

let key: TestPlatformKey;
before(async () => {
  key = await createPlatformKey({ alg: 'ES256', kid: 'platform-key-1' });
});

async function setup(options: Partial<ToolOptions> = { messageTypes: ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'] }) {
  const clock = fixedClock(T0);
  const stores = createMemoryStores(clock);
  await stores.platforms.savePlatform({
    issuer: ISSUER,
    clientId: CLIENT_ID,
    deploymentIds: ['dep-01'],
    authorizationEndpoint: `${ISSUER}/lti/authorize`,
    publicJwk: key.publicJwk,
  });
  const context = offlineLaunchContext(stores, clock, options);
  const { config } = context;
  async function launch(edit: (payload: JWTPayload) => void = () => undefined) {
    const login = await initiateLogin(new URLSearchParams({ iss: ISSUER, login_hint: 'u-1', target_link_uri: TARGET, client_id: CLIENT_ID }), {
      config,
      singleUse: stores.singleUse,
      platforms: stores.platforms,
      clock,
    });
    const nonce = new URL(login.redirectUrl).searchParams.get('nonce')!;
    const payload: JWTPayload = {
      iss: ISSUER,
      aud: CLIENT_ID,
      sub: 'u-1',
      iat: T0,
      exp: T0 + 300,
      nonce,
      [LTI_CLAIM.messageType]: 'LtiDeepLinkingRequest',
      [LTI_CLAIM.version]: '1.3.0',
      [LTI_CLAIM.deploymentId]: 'dep-01',
      [LTI_CLAIM.targetLinkUri]: TARGET,
      [LTI_CLAIM.roles]: [CONTEXT_ROLE.Instructor],
      [DL_CLAIM.deepLinkingSettings]: {
        deep_link_return_url: RETURN_URL,
        accept_types: ['ltiResourceLink', 'link'],
        accept_presentation_document_targets: ['iframe', 'window'],
        accept_multiple: false,
        data: 'opaque-7f2a91',
      },
    };
    edit(payload);
    return validateLaunch({ idToken: await key.sign(payload), state: login.state, cookies: new Map([[stateCookieName(login.state), login.state]]) }, context);
  }
  return { launch };
}

describe('validateLaunch: LtiDeepLinkingRequest (DL-010)', () => {
  it('exposes the settings as launch.deepLinking, with no resource link', async () => {
    const { launch } = await setup();
    const accepted = await launch();
    assert.equal(accepted.messageType, 'LtiDeepLinkingRequest');
    assert.equal(accepted.resourceLink, undefined);
    assert.deepEqual(accepted.deepLinking, {
      deep_link_return_url: RETURN_URL,
      accept_types: ['ltiResourceLink', 'link'],
      accept_presentation_document_targets: ['iframe', 'window'],
      accept_multiple: false,
      data: 'opaque-7f2a91',
    });
  });

  it('accepts a request without target_link_uri, as the certification payload sends it', async () => {
    const { launch } = await setup();
    const accepted = await launch((payload) => {
      delete payload[LTI_CLAIM.targetLinkUri];
    });
    assert.equal(accepted.targetLinkUri, TARGET, 'the login’s target_link_uri');
  });

  it('leaves deepLinking undefined for a resource link launch', async () => {
    const { launch } = await setup();
    const accepted = await launch((payload) => {
      payload[LTI_CLAIM.messageType] = 'LtiResourceLinkRequest';
      payload[LTI_CLAIM.resourceLink] = { id: 'rl-1' };
    });
    assert.equal(accepted.deepLinking, undefined);
  });

  it('is refused by a tool that does not list the message type (the default)', async () => {
    const { launch } = await setup({});
    await rejectsLtiError(launch(), 'ERR_LTI_MESSAGE_TYPE_UNSUPPORTED');
  });

  it('refuses missing settings, return URL or accept_types with their codes', async () => {
    const { launch } = await setup();
    const settingsOf = (payload: JWTPayload) => payload[DL_CLAIM.deepLinkingSettings] as Record<string, unknown>;
    await rejectsLtiError(
      launch((payload) => {
        delete payload[DL_CLAIM.deepLinkingSettings];
      }),
      'ERR_LTI_DL_SETTINGS_MISSING',
    );
    await rejectsLtiError(
      launch((payload) => {
        delete settingsOf(payload).deep_link_return_url;
      }),
      'ERR_LTI_DL_RETURN_URL_MISSING',
    );
    await rejectsLtiError(
      launch((payload) => {
        settingsOf(payload).deep_link_return_url = 'javascript:alert(1)';
      }),
      'ERR_LTI_DL_RETURN_URL_INVALID',
    );
    await rejectsLtiError(
      launch((payload) => {
        delete settingsOf(payload).accept_types;
      }),
      'ERR_LTI_DL_ACCEPT_TYPES_MISSING',
    );
  });
});
