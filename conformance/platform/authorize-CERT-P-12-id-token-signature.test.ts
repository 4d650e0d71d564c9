// CERT-P-12 (certification.md §5): the id_token is signed RS256 with a `kid` that resolves in the
// platform JWKS (served at /.well-known/jwks.json), and `iss`, `aud`, `azp`, `exp`, `iat`, `nonce`
// are correct (OIDC-031, OIDC-032).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet, jwtVerify } from 'jose';
import { NOW } from '../support/tool_harness.js';
import {
  createPlatformHarness,
  launchRequest,
  parseForm,
  PLATFORM_ISSUER,
  PLATFORM_JWKS_URL,
  TOOL_CLIENT_ID,
  TOOL_NONCE,
} from '../support/platform_harness.js';

for (const kind of ['instructor', 'learner'] as const) {
  it(`CERT-P-12 the ${kind} id_token verifies against the platform JWKS with the expected OIDC claims`, async () => {
    const harness = await createPlatformHarness();
    const initiation = await harness.createLaunch(launchRequest(kind));
    const response = await harness.authorize(harness.authenticationRequest(initiation));
    const idToken = parseForm(await response.text())?.fields.id_token;
    assert.ok(idToken);

    const header = decodeProtectedHeader(idToken);
    assert.equal(header.alg, 'RS256');
    assert.equal(typeof header.kid, 'string');

    const jwksResponse = await harness.platform.fetch(new Request(PLATFORM_JWKS_URL));
    assert.equal(jwksResponse.status, 200);
    const jwks = (await jwksResponse.json()) as JSONWebKeySet;
    const published = jwks.keys.find((key) => key.kid === header.kid);
    assert.ok(published, 'the kid is in the platform JWKS');
    assert.equal(published.d, undefined, 'no private member is published');

    const { payload } = await jwtVerify(idToken, createLocalJWKSet(jwks), {
      algorithms: ['RS256'],
      issuer: PLATFORM_ISSUER,
      audience: TOOL_CLIENT_ID,
      currentDate: new Date(NOW * 1000),
    });
    assert.equal(payload.iss, PLATFORM_ISSUER);
    assert.equal(payload.aud, TOOL_CLIENT_ID);
    assert.equal(payload.azp, TOOL_CLIENT_ID);
    assert.equal(payload.nonce, TOOL_NONCE);
    assert.equal(payload.iat, NOW);
    assert.ok(typeof payload.exp === 'number' && payload.exp > NOW && payload.exp - NOW <= 3600, 'a short lifetime (OIDC-032)');
  });
}
