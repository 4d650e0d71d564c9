import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APPROVED_ALGORITHMS } from '../../src/keys/algorithms.js';
import { resolvePlatformConfig } from '../../src/platform/create_platform.js';
import { validatePlatformConfiguration } from '../../src/messages/registration.js';
import { buildOpenidConfiguration } from '../../src/platform/openid_configuration.js';
import { createMemoryStores } from '../../src/stores/memory.js';
import { SUBSTITUTION_VARIABLES } from '../../src/vocab/variables.js';

const LTI_CONFIGURATION = 'https://purl.imsglobal.org/spec/lti-platform-configuration';

describe('buildOpenidConfiguration', () => {
  it('publishes the issuer and the endpoints under baseUrl', () => {
    const config = resolvePlatformConfig({ issuer: 'https://lms.example.edu', baseUrl: 'https://lms.example.edu/lti-root/', stores: createMemoryStores() });
    const document = buildOpenidConfiguration(config);
    assert.equal(document.issuer, 'https://lms.example.edu');
    assert.equal(document.authorization_endpoint, 'https://lms.example.edu/lti-root/lti/authorize');
    assert.equal(document.jwks_uri, 'https://lms.example.edu/lti-root/.well-known/jwks.json');
  });

  it('states what an LTI authorization endpoint supports', () => {
    const document = buildOpenidConfiguration(resolvePlatformConfig({ issuer: 'https://lms.example.edu', stores: createMemoryStores() }));
    assert.deepEqual(document.response_types_supported, ['id_token']);
    assert.deepEqual(document.response_modes_supported, ['form_post']);
    assert.deepEqual(document.scopes_supported, [
      'openid',
      'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
      'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
      'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
      'https://purl.imsglobal.org/spec/lti-ags/scope/score',
      'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
    ]);
    // TOK-010: the token endpoint and how clients authenticate there.
    assert.equal(document.token_endpoint, 'https://lms.example.edu/lti/token');
    assert.deepEqual(document.token_endpoint_auth_methods_supported, ['private_key_jwt']);
    assert.deepEqual(document.subject_types_supported, ['public']);
    assert.deepEqual(document.id_token_signing_alg_values_supported, [...APPROVED_ALGORITHMS]);
    assert.ok(!(document.id_token_signing_alg_values_supported as string[]).some((alg) => alg === 'none' || alg.startsWith('HS')));
    for (const claim of ['iss', 'aud', 'sub', 'iat', 'exp', 'nonce']) assert.ok((document.claims_supported as string[]).includes(claim), claim);
  });

  it('describes the LTI platform: product, messages and variables (CUST-005)', () => {
    const config = resolvePlatformConfig({
      issuer: 'https://lms.example.edu',
      stores: createMemoryStores(),
      product: { productFamilyCode: 'examplelms', version: '5.2' },
    });
    assert.deepEqual(buildOpenidConfiguration(config)[LTI_CONFIGURATION], {
      product_family_code: 'examplelms',
      version: '5.2',
      messages_supported: [{ type: 'LtiResourceLinkRequest' }, { type: 'LtiDeepLinkingRequest' }],
      variables: [...SUBSTITUTION_VARIABLES],
    });
  });

  it('defaults the product family code and version', () => {
    const document = buildOpenidConfiguration(resolvePlatformConfig({ issuer: 'https://lms.example.edu', stores: createMemoryStores() }));
    const lti = document[LTI_CONFIGURATION] as { product_family_code: string; version: string };
    assert.equal(lti.product_family_code, 'ltikit');
    assert.equal(lti.version, '0.1.0');
  });

  it('names the registration endpoint and every REQUIRED member, and passes the configuration check tools run (DR-012)', () => {
    const document = buildOpenidConfiguration(resolvePlatformConfig({ issuer: 'https://lms.example.edu', stores: createMemoryStores() }));
    assert.equal(document.registration_endpoint, 'https://lms.example.edu/lti/register');
    assert.equal(document.authorization_server, undefined);
    assert.equal(validatePlatformConfiguration(document).registration_endpoint, 'https://lms.example.edu/lti/register');
  });

  it('publishes authorization_server at the top level when it differs from the token endpoint (TOK-011)', () => {
    const config = resolvePlatformConfig({ issuer: 'https://lms.example.edu', stores: createMemoryStores(), authorizationServer: 'https://lms.example.edu/oauth' });
    const document = buildOpenidConfiguration(config);
    assert.equal(document.authorization_server, 'https://lms.example.edu/oauth');
    assert.equal((document[LTI_CONFIGURATION] as Record<string, unknown>).authorization_server, undefined);
  });

  it('is valid JSON (round trip)', () => {
    const document = buildOpenidConfiguration(resolvePlatformConfig({ issuer: 'https://lms.example.edu', stores: createMemoryStores() }));
    assert.deepEqual(JSON.parse(JSON.stringify(document)), document);
  });
});
