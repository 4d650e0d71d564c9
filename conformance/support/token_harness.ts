// The platform's token endpoint as a tool meets it (TOK-003): the validator's tool registration
// gains a public key and the AGS line-item and score scopes; client assertions are signed here with
// jose, so each case can bend one claim or header. No socket: requests go to `platform.fetch`.
import { importJWK, type JWTPayload, SignJWT } from 'jose';
import { LTI_CLAIM, SCOPE } from 'ltikit';
import { generateSigningKey } from 'ltikit/keys';
import { createPlatformHarness, PLATFORM_ISSUER, type PlatformHarness, TOOL_CLIENT_ID, TOOL_DEPLOYMENT_ID } from './platform_harness.js';

export const TOKEN_URL = `${PLATFORM_ISSUER}/lti/token`;
export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** The scopes the tool is registered for; the platform serves both. */
export const TOOL_SCOPES = [SCOPE.lineItem, SCOPE.score];

// RSA key generation is slow: every case shares the tool key and the impostor key.
const keys = Promise.all([generateSigningKey({ alg: 'RS256', now: 0 }), generateSigningKey({ alg: 'RS256', now: 0 })]);

export interface TokenHarness extends PlatformHarness {
  /**
   * A conforming client assertion (TOK-001, TOK-002) with `overrides` merged over its claims
   * (`undefined` removes one). `impostor` signs with a key the tool never registered, under its kid.
   */
  assertion(overrides?: Record<string, unknown>, options?: { impostor?: boolean }): Promise<string>;
  /** The token request parameters of TOK-003 for `assertion`. */
  tokenParameters(assertion: string, scope?: string): Record<string, string>;
  /** POSTs a form to the token endpoint; `undefined` values are left out. */
  requestToken(parameters: Record<string, string | undefined>): Promise<Response>;
}

export async function createTokenHarness(): Promise<TokenHarness> {
  const [toolKey, impostorKey] = await keys;
  const harness = await createPlatformHarness({ tool: { publicJwk: toolKey.publicJwk, scopes: TOOL_SCOPES } });
  let counter = 0;

  async function assertion(overrides: Record<string, unknown> = {}, options: { impostor?: boolean } = {}): Promise<string> {
    const now = harness.clock.now();
    counter += 1;
    const claims: JWTPayload = {
      iss: TOOL_CLIENT_ID,
      sub: TOOL_CLIENT_ID,
      aud: TOKEN_URL,
      iat: now,
      exp: now + 300,
      jti: `cert-jti-${counter}`,
      [LTI_CLAIM.deploymentId]: TOOL_DEPLOYMENT_ID,
      ...overrides,
    };
    const signer = options.impostor === true ? impostorKey : toolKey;
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: toolKey.kid, typ: 'JWT' }).sign(await importJWK(signer.privateJwk, 'RS256'));
  }

  function tokenParameters(clientAssertion: string, scope = TOOL_SCOPES.join(' ')): Record<string, string> {
    return { grant_type: 'client_credentials', client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: clientAssertion, scope };
  }

  function requestToken(parameters: Record<string, string | undefined>): Promise<Response> {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(parameters)) if (value !== undefined) form.set(name, value);
    return harness.platform.fetch(
      new Request(TOKEN_URL, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: form.toString() }),
    );
  }

  return { ...harness, assertion, tokenParameters, requestToken };
}

/** The OAuth `error` value of a refusal (RFC 6749 §5.2), read without consuming the response. */
export async function oauthErrorOf(response: Response): Promise<string> {
  return ((await response.clone().json()) as { error: string }).error;
}
