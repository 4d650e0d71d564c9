/**
 * How an application turns on Assignment and Grade Services on the platform side (ags.md).
 *
 * @example
 * ```ts
 * createPlatform({ ..., ags: { store: stores.ags, isMember: (contextId, userId) => roster.has(contextId, userId) },
 *   serviceContextAccess: (contextId, grant) => isDeployedIn(grant.clientId, contextId) });
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/
 */
import type { AgsStore } from '../../stores/types.js';

/**
 * Options of the platform's Assignment and Grade Services (`PlatformOptions.ags`); each member
 * states its default. Which contexts a tool may use is `serviceContextAccess` (TOK-016).
 *
 * @example
 * ```ts
 * const ags: AgsOptions = {
 *   store: stores.ags,
 *   isMember: (contextId, userId) => enrolments.isEnrolled(contextId, userId),
 *   hasResourceLink: (contextId, resourceLinkId) => links.exists(contextId, resourceLinkId),
 * };
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/ (AGS-011, AGS-020, AGS-040)
 */
export interface AgsOptions {
  /** Where line items and scores are kept (`createMemoryStores().ags`, `createSqlStores(db).ags`). */
  store: AgsStore;
  /**
   * Whether `userId` (an LTI `sub`) is a member of the context: a score for anyone else is refused
   * with `ERR_LTI_AGS_SCORE_USER_NOT_MEMBER` (AGS-040). Default: every user is accepted.
   */
  isMember?: (contextId: string, userId: string) => boolean | Promise<boolean>;
  /**
   * Whether `resourceLinkId` is a resource link of the context: a line item bound to any other link
   * is refused with `ERR_LTI_AGS_RESOURCE_LINK_UNKNOWN` (AGS-020). Default: every id is accepted.
   */
  hasResourceLink?: (contextId: string, resourceLinkId: string) => boolean | Promise<boolean>;
  /** The most line items or results one page holds; `limit` asks for fewer (AGS-031). Default 100. */
  maxPageSize?: number;
  /** The largest line item or score body accepted, in bytes (413 beyond). Default 65,536. */
  maxBodyBytes?: number;
}
