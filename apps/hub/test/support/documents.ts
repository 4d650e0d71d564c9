// Registration documents for tests: a tool's (Dynamic Registration shape) and a platform's.
export function toolDocument(origin: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    client_name: 'Physics simulations',
    initiate_login_uri: `${origin}/lti/login`,
    redirect_uris: [`${origin}/lti/launch`],
    jwks_uri: `${origin}/lti/jwks`,
    scope: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
    'https://purl.imsglobal.org/spec/lti-tool-configuration': {
      domain: new URL(origin).host,
      target_link_uri: `${origin}/lti/launch`,
      claims: ['iss', 'sub', 'name'],
      custom_parameters: { level: 'intro' },
      messages: [{ type: 'LtiResourceLinkRequest', label: 'Pendulum lab' }],
    },
    ...overrides,
  };
}

export function platformDocument(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    issuer: 'https://canvas.example.edu',
    client_id: '10000000000042',
    deployment_ids: ['7:abc'],
    authorization_endpoint: 'https://canvas.example.edu/api/lti/authorize_redirect',
    token_endpoint: 'https://canvas.example.edu/login/oauth2/token',
    jwks_uri: 'https://canvas.example.edu/api/lti/security/jwks',
    ...overrides,
  };
}
