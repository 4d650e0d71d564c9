/**
 * The `lis_result_sourcedid` of an LTI 1.1 launch (L11-005): one per (resource link, user), naming
 * the context, the link and the user. It is readable, not secret: the Basic Outcomes endpoint
 * authorises every call the way the AGS score endpoint does (the link is one of the calling tool's,
 * the user a member of the context), so knowing a sourcedid grants nothing by itself.
 *
 * @example
 * ```ts
 * formatResultSourcedId({ contextId: 'ctx-1', resourceLinkId: 'rl-1', userId: 'u 7' }); // 'ctx-1:rl-1:u%207'
 * parseResultSourcedId('ctx-1:rl-1:u%207'); // { contextId: 'ctx-1', resourceLinkId: 'rl-1', userId: 'u 7' }
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (L11-005, BO-005)
 */

/**
 * What a `lis_result_sourcedid` names: a user's result on one resource link of one context.
 *
 * @example
 * ```ts
 * const target: ResultSourcedId = { contextId: 'ctx-991', resourceLinkId: 'rl-5c8e', userId: 'a3f0c2e1' };
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (L11-005)
 */
export interface ResultSourcedId {
  contextId: string;
  resourceLinkId: string;
  /** The user's LTI `user_id` (the 1.3 `sub`, the AGS `userId`). */
  userId: string;
}

/**
 * The `lis_result_sourcedid` of a (link, user): the three ids percent-encoded, joined by `:`.
 *
 * @example
 * ```ts
 * formatResultSourcedId({ contextId: 'ctx-1', resourceLinkId: 'rl-1', userId: 'u-7' }); // 'ctx-1:rl-1:u-7'
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (L11-005)
 */
export function formatResultSourcedId(target: ResultSourcedId): string {
  return [target.contextId, target.resourceLinkId, target.userId].map(encodeURIComponent).join(':');
}

/**
 * Reads a `lis_result_sourcedid` written by {@link formatResultSourcedId}; `undefined` for anything
 * else (three non-empty, well-encoded parts).
 *
 * @example
 * ```ts
 * parseResultSourcedId('not-ours'); // undefined
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (BO-005)
 */
export function parseResultSourcedId(sourcedId: string): ResultSourcedId | undefined {
  const parts = sourcedId.split(':');
  if (parts.length !== 3) return undefined;
  const decoded: string[] = [];
  for (const part of parts) {
    if (part === '') return undefined;
    try {
      decoded.push(decodeURIComponent(part));
    } catch {
      return undefined;
    }
  }
  const [contextId, resourceLinkId, userId] = decoded as [string, string, string];
  return { contextId, resourceLinkId, userId };
}
