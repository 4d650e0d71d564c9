/**
 * Access tokens for LTI services: opaque random values, stored (as their SHA-256, never in clear)
 * in the single-use store with what they grant, so every process of the platform can check them
 * and they expire with the store's clock (TOK-014, TOK-016, TOK-021).
 *
 * @example
 * ```ts
 * const token = await issueAccessToken(singleUse, { clientId, scopes: [SCOPE.score], expiresAt: now + 3600 });
 * const grant = await readAccessToken(singleUse, token); // undefined once expired
 * ```
 * @see https://www.imsglobal.org/spec/security/v1p0/#using-oauth-2-0-client-credentials-grant
 */
import { randomToken } from '../../lib/random.js';
import type { SingleUseStore } from '../../stores/types.js';

const ACCESS_TOKEN_KIND = 'lti_access_token';

/**
 * What an access token lets its bearer do: the tool (client id), the deployment it named in its
 * assertion if any, and the granted scopes, until `expiresAt` (TOK-016).
 *
 * @example
 * ```ts
 * if (!grant.scopes.includes(SCOPE.score)) throw new LtiError('ERR_LTI_ACCESS_TOKEN_SCOPE_INSUFFICIENT');
 * ```
 * @see TOK-016 in shared/spec/core-security.md
 */
export interface AccessTokenGrant {
  clientId: string;
  deploymentId?: string;
  scopes: string[];
  expiresAt: number;
}

async function tokenKey(token: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token)));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

export async function issueAccessToken(singleUse: SingleUseStore, grant: AccessTokenGrant): Promise<string> {
  const token = randomToken(32);
  await singleUse.issue(ACCESS_TOKEN_KIND, await tokenKey(token), JSON.stringify(grant), grant.expiresAt);
  return token;
}

export async function readAccessToken(singleUse: SingleUseStore, token: string): Promise<AccessTokenGrant | undefined> {
  // Tokens are base64url of 32 bytes; anything else cannot be one, and is not looked up.
  if (!/^[A-Za-z0-9_-]{20,200}$/.test(token)) return undefined;
  const stored = await singleUse.peek(ACCESS_TOKEN_KIND, await tokenKey(token));
  return stored === undefined ? undefined : (JSON.parse(stored) as AccessTokenGrant);
}
