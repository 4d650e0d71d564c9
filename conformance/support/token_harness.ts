// The platform's token endpoint as a tool meets it (TOK-003): the validator's tool registration
// gains a public key and the AGS line-item and score scopes; client assertions are signed here
// (service_harness.ts), so each case can bend one claim or header. No socket: requests go to `platform.fetch`.
import { SCOPE } from 'ltikit';
import { generateSigningKey } from 'ltikit/keys';
import { createPlatformHarness, type PlatformHarness, TOOL_CLIENT_ID } from './platform_harness.js';
import { assertionClaims, requestToken, signAssertion, tokenParameters, validatorToolKey } from './service_harness.js';

/** The scopes the tool is registered for; the platform serves both. */
export const TOOL_SCOPES = [SCOPE.lineItem, SCOPE.score];

// RSA key generation is slow: every case shares the tool key and the impostor key.
const keys = Promise.all([validatorToolKey(), generateSigningKey({ alg: 'RS256', now: 0 })]);

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
    counter += 1;
    const claims = assertionClaims(TOOL_CLIENT_ID, harness.clock.now(), `cert-jti-${counter}`, overrides);
    return signAssertion(claims, options.impostor === true ? impostorKey : toolKey, toolKey.kid);
  }

  return {
    ...harness,
    assertion,
    tokenParameters: (clientAssertion, scope = TOOL_SCOPES.join(' ')) => tokenParameters(clientAssertion, scope),
    requestToken: (parameters) => requestToken(harness.platform, parameters),
  };
}

/** The OAuth `error` value of a refusal (RFC 6749 §5.2), read without consuming the response. */
export async function oauthErrorOf(response: Response): Promise<string> {
  return ((await response.clone().json()) as { error: string }).error;
}
