/**
 * The check every service endpoint of the platform runs first: a Bearer access token from the
 * token endpoint, still valid, granted one of the scopes the endpoint serves (TOK-020, TOK-021).
 * The grant it returns names the tool (and deployment) the answer must be limited to (TOK-016).
 *
 * @example
 * ```ts
 * const grant = await platform.authorizeServiceRequest(request, [SCOPE.lineItem, SCOPE.lineItemReadonly]);
 * // read only the line items of contexts where grant.clientId is deployed
 * ```
 * @see https://www.imsglobal.org/spec/security/v1p0/#using-oauth-2-0-client-credentials-grant
 */
import { LtiError } from '../../errors.js';
import type { SingleUseStore } from '../../stores/types.js';
import { type AccessTokenGrant, readAccessToken } from './access_tokens.js';

export async function authorizeServiceRequest(request: Request, singleUse: SingleUseStore, acceptedScopes: readonly string[]): Promise<AccessTokenGrant> {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer[ ]+([^ ]+)[ ]*$/i.exec(header);
  if (match === null) throw new LtiError('ERR_LTI_ACCESS_TOKEN_MISSING');
  const grant = await readAccessToken(singleUse, match[1]!);
  if (grant === undefined) throw new LtiError('ERR_LTI_ACCESS_TOKEN_INVALID');
  if (!grant.scopes.some((scope) => acceptedScopes.includes(scope))) {
    throw new LtiError('ERR_LTI_ACCESS_TOKEN_SCOPE_INSUFFICIENT', { detail: { needs_one_of: [...acceptedScopes] } });
  }
  return grant;
}
