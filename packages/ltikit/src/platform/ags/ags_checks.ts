/**
 * The named checks every AGS endpoint of the platform is built from (STYLE habit 7): content
 * negotiation (AGS-013), the JSON body, the line item of the URL confined to the tool and context
 * of the token (AGS-012, TOK-016), and the paging query (AGS-030, AGS-031).
 */
import { LtiError } from '../../errors.js';
import { acceptsMediaType, mediaTypeOf } from '../../lib/accept_header.js';
import { readBodyText } from '../../lib/http.js';
import type { AgsStore, StoredLineItem } from '../../stores/types.js';
import type { ServiceContext } from '../services.js';
import type { AccessTokenGrant } from '../token/access_tokens.js';
import type { AgsOptions } from './options.js';

/** {@link AgsOptions} with their defaults applied. */
export interface ResolvedAgsOptions {
  store: AgsStore;
  isMember: AgsOptions['isMember'];
  hasResourceLink: AgsOptions['hasResourceLink'];
  maxPageSize: number;
  maxBodyBytes: number;
}

export function resolveAgsOptions(options: AgsOptions): ResolvedAgsOptions {
  return {
    store: options.store,
    isMember: options.isMember,
    hasResourceLink: options.hasResourceLink,
    maxPageSize: options.maxPageSize ?? 100,
    maxBodyBytes: options.maxBodyBytes ?? 64 * 1024,
  };
}

/** What one AGS operation works with. */
export interface AgsOperation {
  request: Request;
  context: ServiceContext;
  ags: ResolvedAgsOptions;
}

/** The token check (AGS-011, TOK-021), then the context check (TOK-016): the grant and the context id. */
export async function checkTokenAndContext(operation: AgsOperation, acceptedScopes: readonly string[]): Promise<{ grant: AccessTokenGrant; contextId: string }> {
  const grant = await operation.context.authorize(operation.request, acceptedScopes);
  const contextId = operation.context.route.params.contextId!;
  await operation.context.checkContextAccess(contextId, grant);
  return { grant, contextId };
}

/** AGS-013: the `Accept` header allows the media type the endpoint answers with (absent allows all). */
export function checkAccept(request: Request, mediaType: string): void {
  const accept = request.headers.get('accept');
  // AGS-014: tools are told to take the AGS media types as JSON, and several send only
  // `Accept: application/json` (ltijs does on create and update): accepted, answered with the AGS type.
  if (!acceptsMediaType(accept, mediaType) && !acceptsMediaType(accept, 'application/json')) {
    throw new LtiError('ERR_LTI_AGS_ACCEPT_UNSUPPORTED', { detail: { accept: (accept ?? '').slice(0, 200), answers_with: mediaType } });
  }
}

/** AGS-013, AGS-014: the body comes with the endpoint's exact media type (parameters such as `charset` aside). */
export function checkContentType(request: Request, mediaType: string): void {
  const received = mediaTypeOf(request.headers.get('content-type'));
  if (received !== mediaType) {
    throw new LtiError('ERR_LTI_AGS_CONTENT_TYPE_UNSUPPORTED', { detail: { content_type: received.slice(0, 200) || null, expected: mediaType } });
  }
}

/** The body as a JSON object: 413 beyond `maxBodyBytes`, `ERR_LTI_AGS_JSON_MALFORMED` otherwise (AGS-049). */
export async function readJsonObject(request: Request, maxBodyBytes: number): Promise<Record<string, unknown>> {
  const text = await readBodyText(request, maxBodyBytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new LtiError('ERR_LTI_AGS_JSON_MALFORMED', { cause });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new LtiError('ERR_LTI_AGS_JSON_MALFORMED', { message: 'The request body is JSON but not a JSON object (AGS-049).' });
  }
  return value as Record<string, unknown>;
}

/** Whether a grant may see a line item: same tool, and same deployment when both name one (AGS-012, TOK-016). */
export function isVisibleTo(lineItem: StoredLineItem, grant: AccessTokenGrant, contextId: string): boolean {
  return (
    lineItem.contextId === contextId &&
    lineItem.clientId === grant.clientId &&
    (grant.deploymentId === undefined || lineItem.deploymentId === undefined || lineItem.deploymentId === grant.deploymentId)
  );
}

/**
 * The line item of the URL, when it exists in this context and belongs to the tool holding the
 * token; 404 otherwise, without saying which (AGS-012, AGS-049, TOK-016).
 */
export async function findLineItem(operation: AgsOperation, grant: AccessTokenGrant, contextId: string): Promise<StoredLineItem> {
  const lineItemId = operation.context.route.params.lineItemId!;
  const lineItem = await operation.ags.store.getLineItem(lineItemId);
  if (lineItem === undefined || !isVisibleTo(lineItem, grant, contextId)) {
    throw new LtiError('ERR_LTI_AGS_LINE_ITEM_UNKNOWN', { detail: { line_item_id: lineItemId } });
  }
  return lineItem;
}

/** The one value of a query parameter; repeats are refused rather than guessed between, empty is absent. */
export function queryParameter(url: URL, name: string): string | undefined {
  const values = url.searchParams.getAll(name);
  if (values.length > 1) throw new LtiError('ERR_LTI_AGS_QUERY_INVALID', { detail: { parameter: name } });
  const value = values[0];
  return value === undefined || value === '' ? undefined : value;
}

/** AGS-031, AGS-050: the page size, `limit` when given (a positive whole number), at most `maxPageSize`. */
export function readLimit(url: URL, maxPageSize: number): { pageSize: number; limit: number | undefined } {
  const raw = queryParameter(url, 'limit');
  if (raw === undefined) return { pageSize: maxPageSize, limit: undefined };
  if (!/^\d{1,9}$/.test(raw) || Number(raw) === 0) throw new LtiError('ERR_LTI_AGS_LIMIT_INVALID', { detail: { limit: raw.slice(0, 50) } });
  const limit = Number(raw);
  return { pageSize: Math.min(limit, maxPageSize), limit };
}

/** AGS-020: a `resourceLinkId` names a resource link of this context, when the application can tell. */
export async function checkResourceLink(operation: AgsOperation, contextId: string, resourceLinkId: string | undefined): Promise<void> {
  if (resourceLinkId === undefined || operation.ags.hasResourceLink === undefined) return;
  if (!(await operation.ags.hasResourceLink(contextId, resourceLinkId))) {
    throw new LtiError('ERR_LTI_AGS_RESOURCE_LINK_UNKNOWN', { detail: { field: 'resourceLinkId', resourceLinkId } });
  }
}
