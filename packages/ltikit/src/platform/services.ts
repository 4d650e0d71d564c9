/**
 * What every service endpoint of the platform shares: the access-token check (TOK-020, TOK-021)
 * and the context check (TOK-016: a token for one tool never reads or writes a context the tool is
 * not deployed in). The application answers the context question through
 * `serviceContextAccess`; without it every service request is refused.
 *
 * @example
 * ```ts
 * const grant = await services.authorize(request, [SCOPE.score]);
 * await services.checkContextAccess(contextId, grant); // ERR_LTI_SERVICE_CONTEXT_FORBIDDEN otherwise
 * ```
 * @see TOK-016, TOK-021 in shared/spec/core-security.md
 */
import { LtiError } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import type { SingleUseStore, ToolRegistrationStore } from '../stores/types.js';
import type { PlatformOptions, ResolvedPlatformConfig } from './config.js';
import type { RouteMatch } from './routes.js';
import type { AccessTokenGrant } from './token/access_tokens.js';
import { authorizeServiceRequest } from './token/authorize_service_request.js';

export interface ServiceContext {
  config: ResolvedPlatformConfig;
  options: PlatformOptions;
  tools: ToolRegistrationStore;
  singleUse: SingleUseStore;
  clock: Clock;
  route: RouteMatch;
  /** The Bearer token check: a grant with one of `acceptedScopes` (TOK-021). */
  authorize(request: Request, acceptedScopes: readonly string[]): Promise<AccessTokenGrant>;
  /** TOK-016: the grant's tool may use this context; 404 otherwise (the context is not revealed). */
  checkContextAccess(contextId: string, grant: AccessTokenGrant): Promise<void>;
}

export function createServiceContext(base: Omit<ServiceContext, 'authorize' | 'checkContextAccess'>): ServiceContext {
  return {
    ...base,
    authorize: (request, acceptedScopes) => authorizeServiceRequest(request, base.singleUse, acceptedScopes),
    async checkContextAccess(contextId, grant) {
      const access = base.options.serviceContextAccess;
      const allowed = access === undefined ? false : await access(contextId, grant);
      if (!allowed) throw new LtiError('ERR_LTI_SERVICE_CONTEXT_UNKNOWN', { detail: { context_id: contextId } });
    },
  };
}
