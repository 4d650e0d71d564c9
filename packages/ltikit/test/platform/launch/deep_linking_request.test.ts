// The platform's LtiDeepLinkingRequest (deep-linking.md §1): the offer is checked (DL-001), the
// launch goes to the tool's deep-linking URL (DL-003), the id_token carries deep_linking_settings
// with the platform's return route and no resource_link, and the pending session is remembered.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LtiMessageEvent } from '../../../src/lib/observe.js';
import { resolvePlatformConfig } from '../../../src/platform/create_platform.js';
import {
  DEEP_LINKING_SESSION_KIND,
  type DeepLinkingSession,
  buildDeepLinkingRequestPayload,
  checkDeepLinkingLaunchRequest,
  deepLinkingReturnUrl,
} from '../../../src/platform/launch/deep_linking_request.js';
import type { LaunchRequest } from '../../../src/platform/launch/launch_request.js';
import { checkToolRegistration } from '../../../src/platform/registry.js';
import { createMemoryStores } from '../../../src/stores/memory.js';
import { DL_CLAIM, LTI_CLAIM } from '../../../src/vocab/claims.js';
import { rejectsLtiError, throwsLtiError } from '../../support/assert_lti_error.js';
import {
  FULL_OFFER,
  PLATFORM_ISSUER,
  T0,
  TOOL_CLIENT_ID,
  TOOL_DEEP_LINKING_URL,
  TOOL_LAUNCH_URL,
  createDeepLinkingPlatform,
  deepLinkingLaunch,
} from '../../support/deep_linking.js';

describe('checkDeepLinkingLaunchRequest (DL-001)', () => {
  it('returns the offer to send, without a return URL', () => {
    assert.deepEqual(checkDeepLinkingLaunchRequest(deepLinkingLaunch()), FULL_OFFER);
  });

  it('de-duplicates accept_types and targets', () => {
    const settings = checkDeepLinkingLaunchRequest(
      deepLinkingLaunch({ deepLinking: { accept_types: ['link', 'link'], accept_presentation_document_targets: ['iframe', 'iframe'] } }),
    );
    assert.deepEqual(settings, { accept_types: ['link'], accept_presentation_document_targets: ['iframe'] });
  });

  it('refuses a request without what DL-001 requires, naming the field', () => {
    const cases: [Partial<LaunchRequest>, string][] = [
      [{ deepLinking: undefined }, 'deepLinking'],
      [{ deepLinking: { ...FULL_OFFER, accept_types: [] } }, 'deepLinking.accept_types'],
      [{ deepLinking: { ...FULL_OFFER, accept_types: ['ltiAssetProcessor' as 'link'] } }, 'deepLinking.accept_types[0]'],
      [{ deepLinking: { ...FULL_OFFER, accept_presentation_document_targets: [] } }, 'deepLinking.accept_presentation_document_targets'],
      [{ deepLinking: { ...FULL_OFFER, accept_presentation_document_targets: ['frame' as 'iframe'] } }, 'deepLinking.accept_presentation_document_targets[0]'],
      [{ deepLinking: { ...FULL_OFFER, accept_multiple: 'yes' as unknown as boolean } }, 'deepLinking.accept_multiple'],
      [{ deepLinking: { ...FULL_OFFER, data: 42 as unknown as string } }, 'deepLinking.data'],
      [{ deepLinking: { ...FULL_OFFER, data: 'x'.repeat(4097) } }, 'deepLinking.data'],
      [{ resourceLink: { id: 'rl-1' } }, 'resourceLink'],
      [{ lineItemId: 'li-1' }, 'lineItemId'],
    ];
    for (const [overrides, field] of cases) {
      const error = throwsLtiError(() => checkDeepLinkingLaunchRequest(deepLinkingLaunch(overrides)), 'ERR_LTI_LAUNCH_INPUT_INVALID');
      assert.equal(error.detail?.field, field);
    }
  });
});

describe('buildDeepLinkingRequestPayload (deep-linking.md §1.1)', () => {
  const config = resolvePlatformConfig({ issuer: PLATFORM_ISSUER, stores: createMemoryStores() });
  const tool = checkToolRegistration(
    {
      clientId: TOOL_CLIENT_ID,
      name: 'Quiz tool',
      initiateLoginUri: 'https://tool.example.com/lti/login',
      redirectUris: [TOOL_LAUNCH_URL],
      deepLinkingUri: TOOL_DEEP_LINKING_URL,
      claims: ['name'],
      customParameters: { link: '$ResourceLink.id', user: '$User.id' },
      deploymentIds: ['dep-01'],
    },
    { allowInsecureLoopback: false },
  );
  const claims = buildDeepLinkingRequestPayload(
    { launchId: 'launch-1', request: deepLinkingLaunch(), targetLinkUri: TOOL_DEEP_LINKING_URL, issuedAt: T0 },
    tool,
    { nonce: 'n-1', now: T0, config },
  );

  it('is an LtiDeepLinkingRequest with the launch claims and no resource_link', () => {
    assert.equal(claims[LTI_CLAIM.messageType], 'LtiDeepLinkingRequest');
    assert.equal(claims[LTI_CLAIM.version], '1.3.0');
    assert.equal(claims[LTI_CLAIM.deploymentId], 'dep-01');
    assert.equal(claims[LTI_CLAIM.targetLinkUri], TOOL_DEEP_LINKING_URL);
    assert.ok(!(LTI_CLAIM.resourceLink in claims));
    assert.deepEqual(claims[LTI_CLAIM.roles], ['http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor']);
    assert.equal(claims[LTI_CLAIM.context]?.id, 'ctx-991');
    assert.equal(claims.name, 'Ada Lovelace');
    assert.equal(claims.aud, TOOL_CLIENT_ID);
    assert.equal(claims.nonce, 'n-1');
  });

  it('carries every member offered, and the platform return route with the launch id (DL-001)', () => {
    assert.deepEqual(claims[DL_CLAIM.deepLinkingSettings], {
      deep_link_return_url: `${PLATFORM_ISSUER}/lti/deep-linking/return?launch=launch-1`,
      ...FULL_OFFER,
    });
    assert.equal(deepLinkingReturnUrl(config, 'a b'), `${PLATFORM_ISSUER}/lti/deep-linking/return?launch=a%20b`);
  });

  it('leaves $ResourceLink variables unresolved: no link is tied to the request', () => {
    assert.deepEqual(claims[LTI_CLAIM.custom], { link: '$ResourceLink.id', user: 'u-instructor' });
  });
});

describe('platform.createLaunch with LtiDeepLinkingRequest', () => {
  it('DL-003: targets the registration’s deepLinkingUri, else its targetLinkUri, unless the request names one', async () => {
    const fixture = await createDeepLinkingPlatform();
    assert.equal((await fixture.platform.createLaunch(deepLinkingLaunch())).parameters.target_link_uri, TOOL_DEEP_LINKING_URL);
    const explicit = await fixture.platform.createLaunch(deepLinkingLaunch({ targetLinkUri: 'https://tool.example.com/lti/launch?mode=pick' }));
    assert.equal(explicit.parameters.target_link_uri, 'https://tool.example.com/lti/launch?mode=pick');
    const plain = await createDeepLinkingPlatform({ tool: { deepLinkingUri: undefined } });
    assert.equal((await plain.platform.createLaunch(deepLinkingLaunch())).parameters.target_link_uri, TOOL_LAUNCH_URL);
    // A resource link launch keeps going to targetLinkUri.
    const link = await fixture.platform.createLaunch({ ...deepLinkingLaunch(), messageType: undefined, deepLinking: undefined, resourceLink: { id: 'rl-1' } });
    assert.equal(link.parameters.target_link_uri, TOOL_LAUNCH_URL);
  });

  it('refuses a bad offer before issuing anything', async () => {
    const fixture = await createDeepLinkingPlatform();
    await rejectsLtiError(fixture.platform.createLaunch(deepLinkingLaunch({ deepLinking: undefined })), 'ERR_LTI_LAUNCH_INPUT_INVALID');
    await rejectsLtiError(
      fixture.platform.createLaunch({ ...deepLinkingLaunch(), messageType: 'LtiSubmissionReviewRequest' as 'LtiDeepLinkingRequest' }),
      'ERR_LTI_LAUNCH_INPUT_INVALID',
    );
    await rejectsLtiError(
      fixture.platform.createLaunch({ ...deepLinkingLaunch(), claims: { [DL_CLAIM.deepLinkingSettings]: {} } }),
      'ERR_LTI_LAUNCH_INPUT_INVALID',
    );
  });

  it('still requires a resource link for LtiResourceLinkRequest', async () => {
    const fixture = await createDeepLinkingPlatform();
    await rejectsLtiError(fixture.platform.createLaunch({ ...deepLinkingLaunch(), messageType: 'LtiResourceLinkRequest' }), 'ERR_LTI_LAUNCH_INPUT_INVALID');
  });

  it('issues the id_token at the authorization endpoint and remembers the session under the launch id', async () => {
    const events: LtiMessageEvent[] = [];
    const fixture = await createDeepLinkingPlatform({ platform: { observer: (event) => events.push(event) } });
    const issued = await fixture.issue();
    assert.equal(issued.claims[LTI_CLAIM.messageType], 'LtiDeepLinkingRequest');
    assert.equal(issued.returnUrl, `${PLATFORM_ISSUER}/lti/deep-linking/return?launch=${encodeURIComponent(issued.launchId)}`);
    const raw = await fixture.stores.singleUse.peek(DEEP_LINKING_SESSION_KIND, issued.launchId);
    assert.ok(raw);
    const session = JSON.parse(raw) as DeepLinkingSession;
    assert.deepEqual(session, {
      launchId: issued.launchId,
      clientId: TOOL_CLIENT_ID,
      deploymentId: 'dep-01',
      userId: 'u-instructor',
      contextId: 'ctx-991',
      settings: issued.claims[DL_CLAIM.deepLinkingSettings],
      issuedAt: T0,
    });
    assert.deepEqual(
      events.map((event) => [event.kind, event.messageType]),
      [
        ['login_initiation', 'LtiDeepLinkingRequest'],
        ['authentication_response', 'LtiDeepLinkingRequest'],
      ],
    );
  });

  it('keeps the session for deepLinkingLifetimeSeconds after the id_token is issued', async () => {
    const fixture = await createDeepLinkingPlatform({ platform: { deepLinkingLifetimeSeconds: 120 } });
    const issued = await fixture.issue();
    fixture.clock.advance(119);
    assert.ok(await fixture.stores.singleUse.peek(DEEP_LINKING_SESSION_KIND, issued.launchId));
    fixture.clock.advance(2);
    assert.equal(await fixture.stores.singleUse.peek(DEEP_LINKING_SESSION_KIND, issued.launchId), undefined);
  });

  it('announces LtiDeepLinkingRequest in messages_supported of the OpenID configuration', async () => {
    const fixture = await createDeepLinkingPlatform();
    const response = await fixture.platform.fetch(new Request(`${PLATFORM_ISSUER}/.well-known/openid-configuration`));
    const document = (await response.json()) as Record<string, { messages_supported: { type: string }[] }>;
    const types = document['https://purl.imsglobal.org/spec/lti-platform-configuration']?.messages_supported.map((message) => message.type);
    assert.deepEqual(types, ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest']);
  });
});

describe('checkToolRegistration: deepLinkingUri', () => {
  it('is kept when https and refused otherwise', () => {
    const input = { name: 'T', initiateLoginUri: 'https://t.example/login', redirectUris: ['https://t.example/launch'] };
    assert.equal(checkToolRegistration({ ...input, deepLinkingUri: 'https://t.example/dl' }, { allowInsecureLoopback: false }).deepLinkingUri, 'https://t.example/dl');
    assert.equal(checkToolRegistration(input, { allowInsecureLoopback: false }).deepLinkingUri, undefined);
    throwsLtiError(() => checkToolRegistration({ ...input, deepLinkingUri: 'http://t.example/dl' }, { allowInsecureLoopback: false }), 'ERR_LTI_TOOL_REGISTRATION_INVALID');
  });
});
