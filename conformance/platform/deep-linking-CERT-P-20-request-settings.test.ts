// CERT-P-20 (certification.md §5): the platform sends LtiDeepLinkingRequest with the required
// settings — `deep_link_return_url`, `accept_types`, `accept_presentation_document_targets` (DL-001) —
// to the tool's Deep Linking URL (DL-003), signed RS256 with a `kid` of its JWKS, without
// `resource_link` (deep-linking.md §1.1).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose';
import { DL_CLAIM, LTI_CLAIM } from 'ltikit/vocab';
import { createDeepLinkingPlatformHarness, platformOffer, TOOL_DEEP_LINKING_URL } from '../support/deep_linking_harness.js';
import { PLATFORM_ISSUER, PLATFORM_JWKS_URL, TOOL_CLIENT_ID } from '../support/platform_harness.js';
import { NOW } from '../support/tool_harness.js';

it('CERT-P-20 the Deep Linking request carries the required settings and goes to the Deep Linking URL', async () => {
  const harness = await createDeepLinkingPlatformHarness();
  const issued = await harness.issue();
  assert.equal(issued.initiation.target_link_uri, TOOL_DEEP_LINKING_URL, 'DL-003');

  const jwks = (await (await harness.platform.fetch(new Request(PLATFORM_JWKS_URL))).json()) as JSONWebKeySet;
  const { payload, protectedHeader } = await jwtVerify(issued.idToken, createLocalJWKSet(jwks), {
    issuer: PLATFORM_ISSUER,
    audience: TOOL_CLIENT_ID,
    currentDate: new Date(NOW * 1000),
  });
  assert.equal(protectedHeader.alg, 'RS256');
  assert.equal(payload[LTI_CLAIM.messageType], 'LtiDeepLinkingRequest');
  assert.equal(payload[LTI_CLAIM.version], '1.3.0');
  assert.equal(payload[LTI_CLAIM.deploymentId], 'testdeploy');
  assert.equal(payload[LTI_CLAIM.targetLinkUri], TOOL_DEEP_LINKING_URL);
  assert.ok(Array.isArray(payload[LTI_CLAIM.roles]));
  assert.ok(!(LTI_CLAIM.resourceLink in payload), 'no resource_link');

  const settings = payload[DL_CLAIM.deepLinkingSettings] as Record<string, unknown>;
  const returnUrl = new URL(settings.deep_link_return_url as string);
  assert.equal(`${returnUrl.origin}${returnUrl.pathname}`, `${PLATFORM_ISSUER}/lti/deep-linking/return`);
  const { deep_link_return_url: _returnUrl, ...offered } = settings;
  assert.deepEqual(offered, platformOffer());
  assert.equal(typeof settings.accept_media_types, 'string', 'a comma-separated string, not a list');
});
