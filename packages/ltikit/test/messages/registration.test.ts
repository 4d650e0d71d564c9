// The Dynamic Registration wire models and their validators: the platform's OpenID configuration
// (DR-012), the client registration request in both profiles (DR-020, DR-031) and the platform's
// answer (DR-032). Every refusal is asserted by its code and the field it names.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LtiErrorCode } from '../../src/errors.js';
import { validateClientRegistrationRequest, validateClientRegistrationResponse, validatePlatformConfiguration } from '../../src/messages/registration.js';
import { throwsLtiError } from '../support/assert_lti_error.js';
import { PLATFORM_CONFIGURATION, TOOL_CONFIGURATION, clientRegistration, platformConfiguration } from '../support/registration.js';

const METADATA: LtiErrorCode = 'ERR_LTI_DR_CLIENT_METADATA_INVALID';
const REDIRECT: LtiErrorCode = 'ERR_LTI_DR_REDIRECT_URI_INVALID';

function refusedField(run: () => unknown, code: LtiErrorCode): string {
  const error = throwsLtiError(run, code);
  const field = error.detail?.field as string;
  assert.ok(error.message.startsWith(field), `the message starts with the field: ${error.message}`);
  return field;
}

describe('validateClientRegistrationRequest, registration profile (DR-031)', () => {
  const check = (document: unknown) => validateClientRegistrationRequest(document, { profile: 'registration' });

  it('accepts the example of the spec and reads what the platform needs', () => {
    const checked = check(clientRegistration());
    assert.equal(checked.name, 'Fractions Trainer');
    assert.deepEqual(checked.localizedNames, { fr: 'Entraîneur de fractions' });
    assert.equal(checked.initiateLoginUri, 'https://tool.example.com/lti/login');
    assert.deepEqual(checked.redirectUris, ['https://tool.example.com/lti/launch', 'https://tool.example.com/lti/dl']);
    assert.equal(checked.domain, 'tool.example.com');
    assert.equal(checked.scopes.length, 3);
    // iss and sub are always sent, so only the personal data is listed (MSG-004).
    assert.deepEqual(checked.claims, ['name', 'given_name', 'family_name', 'email']);
    assert.equal(checked.messages[0]!.type, 'LtiDeepLinkingRequest');
    assert.deepEqual(checked.messages[0]!.roles, ['http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor']);
    assert.deepEqual(checked.customParameters, { context_history: '$Context.id.history' });
    assert.equal(checked.raw['client_name#fr'], 'Entraîneur de fractions');
  });

  it('ignores members it does not know and keeps vendor members in the raw document (RFC 7591 §2)', () => {
    const document = clientRegistration('https://tool.example.com', { software_id: 'x-1', 'https://canvas.instructure.com/lti/privacy_level': 'public' });
    const checked = check(document);
    assert.equal(checked.raw['https://canvas.instructure.com/lti/privacy_level'], 'public');
  });

  it('drops claims it cannot release and message types it does not know (DR-021)', () => {
    const checked = check(clientRegistration('https://tool.example.com', {}, { claims: ['sub', 'ssn', 'email'], messages: [{ type: 'LtiFancyRequest' }] }));
    assert.deepEqual(checked.claims, ['email']);
    assert.deepEqual(checked.messages, []);
  });

  const refusals: [string, () => Record<string, unknown>, LtiErrorCode, string][] = [
    ['a missing client_name', () => clientRegistration('https://tool.example.com', { client_name: undefined }), METADATA, 'client_name'],
    ['response_types without id_token', () => clientRegistration('https://tool.example.com', { response_types: ['code'] }), METADATA, 'response_types'],
    ['no response_types', () => clientRegistration('https://tool.example.com', { response_types: undefined }), METADATA, 'response_types'],
    ['grant_types without client_credentials', () => clientRegistration('https://tool.example.com', { grant_types: ['implicit'] }), METADATA, 'grant_types'],
    ['a token_endpoint_auth_method other than private_key_jwt', () => clientRegistration('https://tool.example.com', { token_endpoint_auth_method: 'client_secret_basic' }), METADATA, 'token_endpoint_auth_method'],
    ['no token_endpoint_auth_method', () => clientRegistration('https://tool.example.com', { token_endpoint_auth_method: undefined }), METADATA, 'token_endpoint_auth_method'],
    ['an application_type other than web', () => clientRegistration('https://tool.example.com', { application_type: 'native' }), METADATA, 'application_type'],
    ['no jwks_uri', () => clientRegistration('https://tool.example.com', { jwks_uri: undefined }), METADATA, 'jwks_uri'],
    ['redirect_uris as a string', () => clientRegistration('https://tool.example.com', { redirect_uris: 'https://tool.example.com/lti/launch' }), REDIRECT, 'redirect_uris'],
    ['an empty redirect_uris', () => clientRegistration('https://tool.example.com', { redirect_uris: [] }), REDIRECT, 'redirect_uris'],
    ['an http redirect URI', () => clientRegistration('https://tool.example.com', { redirect_uris: ['http://tool.example.com/lti/launch'] }), REDIRECT, 'redirect_uris[0]'],
    ['a redirect URI with a fragment', () => clientRegistration('https://tool.example.com', { redirect_uris: ['https://tool.example.com/lti/launch#x'] }), REDIRECT, 'redirect_uris[0]'],
    ['a redirect URI on another host', () => clientRegistration('https://tool.example.com', { redirect_uris: ['https://tool.example.com/lti/launch', 'https://evil.example/lti/dl'] }), REDIRECT, 'redirect_uris[1]'],
    ['a login URL on another host', () => clientRegistration('https://tool.example.com', { initiate_login_uri: 'https://evil.example/login' }), METADATA, 'initiate_login_uri'],
    ['a target_link_uri not among the redirect_uris', () => clientRegistration('https://tool.example.com', {}, { target_link_uri: 'https://tool.example.com/elsewhere' }), REDIRECT, `${TOOL_CONFIGURATION}.target_link_uri`],
    [
      "a message's target_link_uri not among the redirect_uris",
      () => clientRegistration('https://tool.example.com', {}, { messages: [{ type: 'LtiDeepLinkingRequest', target_link_uri: 'https://tool.example.com/other' }] }),
      REDIRECT,
      `${TOOL_CONFIGURATION}.messages[0].target_link_uri`,
    ],
    ['no LTI tool configuration', () => clientRegistration('https://tool.example.com', { [TOOL_CONFIGURATION]: undefined }), METADATA, TOOL_CONFIGURATION],
    ['a domain given as a URL', () => clientRegistration('https://tool.example.com', {}, { domain: 'https://tool.example.com' }), METADATA, `${TOOL_CONFIGURATION}.domain`],
    ['a custom parameter that is not a string', () => clientRegistration('https://tool.example.com', {}, { custom_parameters: { n: 1 } }), METADATA, `${TOOL_CONFIGURATION}.custom_parameters.n`],
    ['messages that are not an array', () => clientRegistration('https://tool.example.com', {}, { messages: {} }), METADATA, `${TOOL_CONFIGURATION}.messages`],
    ['a scope that is not a string', () => clientRegistration('https://tool.example.com', { scope: ['a'] }), METADATA, 'scope'],
    ['a localized name that is empty', () => clientRegistration('https://tool.example.com', { 'client_name#de': '' }), METADATA, 'client_name#de'],
    ['a document that is not an object', () => [] as unknown as Record<string, unknown>, METADATA, 'document'],
  ];
  for (const [name, document, code, field] of refusals) {
    it(`refuses ${name}, naming ${field}`, () => {
      assert.equal(refusedField(() => check(document()), code), field);
    });
  }

  it('accepts redirect URIs on a secondary domain, and a domain with a port matched with it', () => {
    check(clientRegistration('https://tool.example.com', { redirect_uris: ['https://tool.example.com/lti/launch', 'https://cdn.example.com/lti/dl'] }, {
      secondary_domains: ['cdn.example.com'],
      messages: [{ type: 'LtiDeepLinkingRequest', target_link_uri: 'https://cdn.example.com/lti/dl' }],
    }));
    const local = validateClientRegistrationRequest(clientRegistration('http://127.0.0.1:8123'), { profile: 'registration', allowInsecureLoopback: true });
    assert.equal(local.domain, '127.0.0.1:8123');
    const otherPort = clientRegistration('http://127.0.0.1:8123', {}, { domain: '127.0.0.1:9999' });
    assert.equal(refusedField(() => validateClientRegistrationRequest(otherPort, { allowInsecureLoopback: true }), METADATA), 'initiate_login_uri');
  });

  it('refuses http URLs outside loopback mode, and http beyond loopback hosts in it (CORE-004)', () => {
    assert.equal(refusedField(() => check(clientRegistration('http://127.0.0.1:8123')), METADATA), 'initiate_login_uri');
    const remote = clientRegistration('http://tool.example.com');
    assert.equal(refusedField(() => validateClientRegistrationRequest(remote, { allowInsecureLoopback: true }), METADATA), 'initiate_login_uri');
  });
});

describe('validateClientRegistrationRequest, document profile (a pasted registration document)', () => {
  const check = (document: unknown) => validateClientRegistrationRequest(document, { profile: 'document' });
  const minimal = (overrides: Record<string, unknown> = {}, tool: Record<string, unknown> = {}): Record<string, unknown> => ({
    client_name: 'Physics simulations',
    initiate_login_uri: 'https://sims.example.com/lti/login',
    redirect_uris: ['https://sims.example.com/lti/launch'],
    [TOOL_CONFIGURATION]: { domain: 'sims.example.com', target_link_uri: 'https://sims.example.com/lti/launch', claims: ['iss', 'sub', 'name'], ...tool },
    ...overrides,
  });

  it('lets the OAuth members be left out', () => {
    const checked = check(minimal());
    assert.equal(checked.jwksUri, undefined);
    assert.deepEqual(checked.claims, ['name']);
  });

  it('refuses an unknown member, a claim it cannot release and an unknown message type, naming each', () => {
    assert.equal(refusedField(() => check(minimal({ colour: 'blue' })), METADATA), 'colour');
    assert.equal(refusedField(() => check(minimal({}, { claims: ['ssn'] })), METADATA), `${TOOL_CONFIGURATION}.claims[0]`);
    assert.equal(refusedField(() => check(minimal({}, { messages: [{ type: 'LtiFancyRequest' }] })), METADATA), `${TOOL_CONFIGURATION}.messages[0].type`);
    assert.equal(refusedField(() => check(minimal({}, { messages: [{ type: 'LtiResourceLinkRequest', colour: 'x' }] })), METADATA), `${TOOL_CONFIGURATION}.messages[0].colour`);
    assert.equal(refusedField(() => check(minimal({}, { colour: 'x' })), METADATA), `${TOOL_CONFIGURATION}.colour`);
  });

  it('still refuses values that contradict LTI when they are given', () => {
    assert.equal(refusedField(() => check(minimal({ token_endpoint_auth_method: 'none' })), METADATA), 'token_endpoint_auth_method');
    assert.equal(refusedField(() => check(minimal({ response_types: ['code'] })), METADATA), 'response_types');
  });

  it('keeps vendor members and localized names', () => {
    const checked = check(minimal({ 'https://vendor.example/x': 1, 'client_name#fr': 'Simulations', 'logo_uri#fr': 'https://sims.example.com/fr.png' }));
    assert.deepEqual(checked.localizedNames, { fr: 'Simulations' });
  });
});

describe('validatePlatformConfiguration (DR-012)', () => {
  it('accepts the example of the spec', () => {
    const configuration = validatePlatformConfiguration(platformConfiguration());
    assert.equal(configuration.registration_endpoint, 'https://lms.example.edu/lti/register');
    assert.deepEqual(
      configuration[PLATFORM_CONFIGURATION].messages_supported.map((message) => message.type),
      ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'],
    );
  });

  it('accepts messages_supported as bare strings (the older form) and returns objects', () => {
    const configuration = validatePlatformConfiguration(platformConfiguration('https://lms.example.edu', {}, { messages_supported: ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'] }));
    assert.deepEqual(configuration[PLATFORM_CONFIGURATION].messages_supported, [{ type: 'LtiResourceLinkRequest' }, { type: 'LtiDeepLinkingRequest' }]);
  });

  it('keeps vendor members and takes authorization_server from the top level or the LTI member', () => {
    const top = validatePlatformConfiguration(platformConfiguration('https://lms.example.edu', { authorization_server: 'https://lms.example.edu/aud', 'https://canvas.instructure.com/lti/account_name': 'Example' }));
    assert.equal(top.authorization_server, 'https://lms.example.edu/aud');
    assert.equal(top['https://canvas.instructure.com/lti/account_name'], 'Example');
    const nested = validatePlatformConfiguration(platformConfiguration('https://lms.example.edu', {}, { authorization_server: 'https://lms.example.edu/aud2' }));
    assert.equal(nested.authorization_server, 'https://lms.example.edu/aud2');
  });

  const CODE: LtiErrorCode = 'ERR_LTI_DR_PLATFORM_CONFIGURATION_INVALID';
  const refusals: [string, Record<string, unknown>, string][] = [
    ['no registration_endpoint', platformConfiguration('https://lms.example.edu', { registration_endpoint: undefined }), 'registration_endpoint'],
    ['an http token endpoint', platformConfiguration('https://lms.example.edu', { token_endpoint: 'http://lms.example.edu/token' }), 'token_endpoint'],
    ['no private_key_jwt', platformConfiguration('https://lms.example.edu', { token_endpoint_auth_methods_supported: ['client_secret_basic'] }), 'token_endpoint_auth_methods_supported'],
    ['no RS256 for tokens', platformConfiguration('https://lms.example.edu', { id_token_signing_alg_values_supported: ['HS256'] }), 'id_token_signing_alg_values_supported'],
    ['no id_token response type', platformConfiguration('https://lms.example.edu', { response_types_supported: ['code'] }), 'response_types_supported'],
    ['no claims_supported', platformConfiguration('https://lms.example.edu', { claims_supported: undefined }), 'claims_supported'],
    ['an issuer with a query', platformConfiguration('https://lms.example.edu', { issuer: 'https://lms.example.edu/?a=1' }), 'issuer'],
    ['no LTI platform configuration', platformConfiguration('https://lms.example.edu', { [PLATFORM_CONFIGURATION]: undefined }), PLATFORM_CONFIGURATION],
    ['no product_family_code', platformConfiguration('https://lms.example.edu', {}, { product_family_code: undefined }), `${PLATFORM_CONFIGURATION}.product_family_code`],
    ['messages_supported that is not an array', platformConfiguration('https://lms.example.edu', {}, { messages_supported: 'LtiResourceLinkRequest' }), `${PLATFORM_CONFIGURATION}.messages_supported`],
    ['a message without a type', platformConfiguration('https://lms.example.edu', {}, { messages_supported: [{ placements: [] }] }), `${PLATFORM_CONFIGURATION}.messages_supported[0].type`],
  ];
  for (const [name, document, field] of refusals) {
    it(`refuses ${name}, naming ${field}`, () => {
      assert.equal(refusedField(() => validatePlatformConfiguration(document), CODE), field);
    });
  }
});

describe('validateClientRegistrationResponse (DR-032)', () => {
  it('needs a client_id and reads the deployment id when there is one', () => {
    const response = validateClientRegistrationResponse({ client_id: 'c-7731', scope: 'a b', [TOOL_CONFIGURATION]: { deployment_id: 'dep-01', domain: 'tool.example.com' } });
    assert.equal(response.client_id, 'c-7731');
    assert.equal(response[TOOL_CONFIGURATION]?.deployment_id, 'dep-01');
    assert.equal(validateClientRegistrationResponse({ client_id: 'c-1' })[TOOL_CONFIGURATION], undefined);
  });

  it('refuses an answer without a usable client_id or deployment_id, naming the member', () => {
    const CODE: LtiErrorCode = 'ERR_LTI_DR_REGISTRATION_RESPONSE_INVALID';
    assert.equal(refusedField(() => validateClientRegistrationResponse({ error: 'x' }), CODE), 'client_id');
    assert.equal(refusedField(() => validateClientRegistrationResponse({ client_id: 'x'.repeat(256) }), CODE), 'client_id');
    assert.equal(refusedField(() => validateClientRegistrationResponse({ client_id: 'c', [TOOL_CONFIGURATION]: { deployment_id: 7 } }), CODE), `${TOOL_CONFIGURATION}.deployment_id`);
    assert.equal(refusedField(() => validateClientRegistrationResponse('ok'), CODE), 'response');
  });
});
