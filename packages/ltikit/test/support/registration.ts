// Dynamic Registration documents for tests: a conforming client registration request (the example
// of dynamic-registration.md §3) and a platform OpenID configuration (§2), each with overrides.

export const TOOL_CONFIGURATION = 'https://purl.imsglobal.org/spec/lti-tool-configuration';
export const PLATFORM_CONFIGURATION = 'https://purl.imsglobal.org/spec/lti-platform-configuration';

/** A client registration request of a tool at `origin`; `tool` overrides members of the LTI tool configuration. */
export function clientRegistration(
  origin = 'https://tool.example.com',
  overrides: Record<string, unknown> = {},
  tool: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    application_type: 'web',
    response_types: ['id_token'],
    grant_types: ['implicit', 'client_credentials'],
    initiate_login_uri: `${origin}/lti/login`,
    redirect_uris: [`${origin}/lti/launch`, `${origin}/lti/dl`],
    client_name: 'Fractions Trainer',
    'client_name#fr': 'Entraîneur de fractions',
    jwks_uri: `${origin}/.well-known/jwks.json`,
    logo_uri: `${origin}/logo.png`,
    token_endpoint_auth_method: 'private_key_jwt',
    scope: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem https://purl.imsglobal.org/spec/lti-ags/scope/score https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
    [TOOL_CONFIGURATION]: {
      domain: new URL(origin).host,
      target_link_uri: `${origin}/lti/launch`,
      custom_parameters: { context_history: '$Context.id.history' },
      description: 'Adaptive fraction practice',
      claims: ['iss', 'sub', 'name', 'given_name', 'family_name', 'email'],
      messages: [
        {
          type: 'LtiDeepLinkingRequest',
          target_link_uri: `${origin}/lti/dl`,
          label: 'Add a fractions activity',
          placements: ['ContentArea'],
          roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor'],
        },
      ],
      ...tool,
    },
    ...overrides,
  };
}

/** A platform OpenID configuration of a platform at `origin`; `lti` overrides members of the LTI platform configuration. */
export function platformConfiguration(
  origin = 'https://lms.example.edu',
  overrides: Record<string, unknown> = {},
  lti: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    issuer: origin,
    authorization_endpoint: `${origin}/lti/auth`,
    registration_endpoint: `${origin}/lti/register`,
    jwks_uri: `${origin}/lti/jwks`,
    token_endpoint: `${origin}/oauth2/token`,
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: ['RS256'],
    scopes_supported: [
      'openid',
      'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
      'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
      'https://purl.imsglobal.org/spec/lti-ags/scope/score',
      'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
    ],
    response_types_supported: ['id_token'],
    subject_types_supported: ['public', 'pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    claims_supported: ['sub', 'iss', 'name', 'given_name', 'family_name', 'email', 'picture', 'locale'],
    [PLATFORM_CONFIGURATION]: {
      product_family_code: 'examplelms',
      version: '5.2.0',
      messages_supported: [{ type: 'LtiResourceLinkRequest' }, { type: 'LtiDeepLinkingRequest', placements: ['ContentArea'] }],
      variables: ['Context.id', 'ResourceLink.id'],
      ...lti,
    },
    ...overrides,
  };
}
