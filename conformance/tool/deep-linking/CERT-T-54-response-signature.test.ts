// CERT-T-54 · "Verify JWT Signing for Deep Linking Response is Valid" (certification.md §3): the JWT
// is signed RS256 with the tool's key, its `kid` in the header resolves in the tool's published JWKS
// and the signature verifies (DL-021). A tampered payload does not.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { createDeepLinkingToolHarness, deepLinkingRoundTrip } from '../../support/deep_linking_harness.js';
import { NOW } from '../../support/tool_harness.js';

it('CERT-T-54 the response is RS256-signed with a kid published in the tool JWKS', async () => {
  const harness = await createDeepLinkingToolHarness();
  const { header, jwks, jwt } = await deepLinkingRoundTrip(harness, [{ type: 'html', html: '<p>Hello</p>' }]);
  assert.equal(header.alg, 'RS256');
  assert.equal(header.typ, 'JWT');
  const published = jwks.keys.find((key) => key.kid === header.kid);
  assert.ok(published, 'the kid is in the tool JWKS');
  assert.equal(published.d, undefined, 'no private member is published');

  const [head, body, signature] = jwt.split('.');
  const tampered = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), iss: 'someone-else' })).toString('base64url');
  await assert.rejects(jwtVerify(`${head}.${tampered}.${signature}`, createLocalJWKSet(jwks), { currentDate: new Date(NOW * 1000) }));
});
