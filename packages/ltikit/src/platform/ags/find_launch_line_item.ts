/**
 * AGS-002: the launch's `lineitem` URL names the one line item bound to the launched resource link,
 * only when there is exactly one (for this tool, in this context and deployment).
 *
 * @example
 * ```ts
 * const lineItemId = request.lineItemId ?? (await findLaunchLineItem(request, agsStore));
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#assignment-and-grade-service-claim
 */
import type { AgsStore } from '../../stores/types.js';
import type { LaunchRequest } from '../launch/launch_request.js';

export async function findLaunchLineItem(request: LaunchRequest, store: AgsStore | undefined): Promise<string | undefined> {
  // A launch without a resource link (a Deep Linking request) has no line item of its own.
  const resourceLinkId = request.resourceLink?.id;
  if (store === undefined || request.context === undefined || resourceLinkId === undefined) return undefined;
  const lineItems = await store.listLineItems({
    contextId: request.context.id,
    clientId: request.clientId,
    deploymentId: request.deploymentId,
    resourceLinkId,
    // Two are enough to know there is not exactly one.
    limit: 2,
  });
  return lineItems.length === 1 ? lineItems[0]!.id : undefined;
}
