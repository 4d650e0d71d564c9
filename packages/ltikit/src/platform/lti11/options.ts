/**
 * How an application serves LTI 1.0/1.1 tools on the platform side (lti11.md §1–§3): signed
 * launches and the Basic Outcomes service, whose grades land in the Assignment and Grade Services
 * store (`PlatformOptions.ags.store`) under the client id each 1.1 tool reserved for its 1.3 future.
 *
 * @example
 * ```ts
 * createPlatform({ ..., stores, ags: { store: stores.ags, isMember },
 *   lti11: { resourceLinkAccess: ({ contextId, resourceLinkId }, tool) => links.isLinkOf(contextId, resourceLinkId, tool.lti13?.clientId) } });
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html
 */
import type { Lti11Credential } from '../../stores/types.js';

/**
 * The resource link a `lis_result_sourcedid` names, as {@link Lti11Options.resourceLinkAccess} and
 * {@link Lti11Options.lineItemLabel} receive it.
 *
 * @example
 * ```ts
 * const link: Lti11ResultLink = { contextId: 'ctx-991', resourceLinkId: 'rl-5c8e' };
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (L11-005)
 */
export interface Lti11ResultLink {
  contextId: string;
  resourceLinkId: string;
}

/**
 * Options of the platform's LTI 1.1 support (`PlatformOptions.lti11`); each member states its
 * default. The credentials themselves are `stores.lti11`; grades need `ags.store`.
 *
 * @example
 * ```ts
 * const lti11: Lti11Options = {
 *   resourceLinkAccess: async ({ contextId, resourceLinkId }, tool) => (await findLink(contextId, resourceLinkId))?.clientId === tool.lti13?.clientId,
 *   lineItemLabel: async ({ contextId, resourceLinkId }) => (await findLink(contextId, resourceLinkId))?.title ?? 'Grade',
 * };
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (L11-005, BO-003, BO-007)
 */
export interface Lti11Options {
  /**
   * Whether the resource link of a `lis_result_sourcedid` is a link of the 1.1 tool calling the
   * Basic Outcomes service (the tool is known by its verified consumer key): a tool must never grade
   * another tool's link. Required for Basic Outcomes: without it launches cannot offer outcomes and
   * every outcome request is refused with `ERR_LTI11_OUTCOME_FORBIDDEN`. Membership of the user is
   * checked with `ags.isMember` (AGS-040).
   */
  resourceLinkAccess?: (link: Lti11ResultLink, tool: Lti11Credential) => boolean | Promise<boolean>;
  /**
   * The AGS `userId` (the user's 1.3 `sub`) of the 1.1 `user_id` a `lis_result_sourcedid` names:
   * give it when your 1.3 launches send another `sub` than the 1.1 launches' `user_id` (MIG-003),
   * so that a learner's Basic Outcomes grades and AGS scores are one history. Default: the same id.
   * Membership (`ags.isMember`) is checked on the id it returns.
   */
  agsUserId?: (lti11UserId: string, link: Lti11ResultLink) => string | Promise<string>;
  /**
   * The label of the line item created for a link on its first grade, when the application has
   * not created one. Default: the tool's name.
   */
  lineItemLabel?: (link: Lti11ResultLink, tool: Lti11Credential) => string | Promise<string>;
  /** `scoreMaximum` of a line item created on a first grade (scores are `score × scoreMaximum`). Default 1. */
  scoreMaximum?: number;
  /** How far a Basic Outcomes request's `oauth_timestamp` may be from now, seconds (OA-005). Default 300. */
  timestampWindowSeconds?: number;
  /** The largest Basic Outcomes request body accepted, in bytes (413 beyond). Default 65,536. */
  maxBodyBytes?: number;
}
