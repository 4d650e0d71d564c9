/**
 * `LtiDeepLinkingRequest`, platform side (deep-linking.md §1): what the application offers
 * (`accept_types`, targets, `data` …), the id_token claims built from it — the launch claims without
 * `resource_link`, plus `deep_linking_settings` whose `deep_link_return_url` is the platform's own
 * return route — and the pending session, remembered once the request is issued so the response
 * can be checked against it (DL-054, DL-055).
 *
 * @example
 * ```ts
 * const { loginUrl } = await platform.createLaunch({
 *   messageType: 'LtiDeepLinkingRequest', clientId: 'c-7731', deploymentId: 'dep-01',
 *   user: { id: 'u-8842' }, roles: [CONTEXT_ROLE.Instructor], context: { id: 'ctx-991' },
 *   deepLinking: { accept_types: ['ltiResourceLink', 'link'], accept_presentation_document_targets: ['iframe', 'window'], accept_multiple: true, data: 'section-3' },
 * });
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#deep-linking-request-message
 */
import { LtiError } from '../../errors.js';
import type { DeepLinkingRequestPayload, DeepLinkingSettingsClaim } from '../../messages/deep_linking.js';
import type { SingleUseStore, ToolRegistration } from '../../stores/types.js';
import { DL_CLAIM, LTI_CLAIM } from '../../vocab/claims.js';
import { CONTENT_ITEM_TYPE, type ContentItemType, DOCUMENT_TARGET, type DocumentTarget } from '../../vocab/content_item_types.js';
import { MESSAGE_TYPE } from '../../vocab/message_types.js';
import type { ResolvedPlatformConfig } from '../config.js';
import { type LaunchRequest, type PendingLaunch, buildResourceLinkPayload } from './launch_request.js';

/** Single-use store kind of pending Deep Linking sessions, keyed by launch id. */
export const DEEP_LINKING_SESSION_KIND = 'lti_deep_linking_session';

/** `data` is copied into the id_token and echoed back: keep it a reference, not a document. */
const MAX_DATA_LENGTH = 4096;

/**
 * What a platform application offers in an `LtiDeepLinkingRequest` (deep-linking.md §1.2): every
 * member of `deep_linking_settings` ({@link DeepLinkingSettingsClaim}) but `deep_link_return_url`,
 * which is the platform's own return route. `accept_types` and `accept_presentation_document_targets`
 * are required (DL-001) and limited to the spec's values. `data` (at most 4096 characters) is opaque
 * to the tool and must come back unchanged (DL-054); the platform also keeps it server-side, so it
 * need not be signed (DL-002).
 *
 * @example
 * ```ts
 * const offer: DeepLinkingRequestSettings = { accept_types: ['ltiResourceLink'], accept_presentation_document_targets: ['iframe'],
 *   accept_lineitem: true, title: 'Pick an activity', data: 'module-4' };
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#deep-linking-settings (DL-001)
 */
export interface DeepLinkingRequestSettings
  extends Omit<DeepLinkingSettingsClaim, 'deep_link_return_url' | 'accept_types' | 'accept_presentation_document_targets'> {
  /** The item types offered (DL-011): some of the five of §3. */
  accept_types: ContentItemType[];
  /** `embed`, `iframe`, `window` (DL-012). */
  accept_presentation_document_targets: DocumentTarget[];
}

/**
 * A Deep Linking request waiting for its response, stored single-use under the launch id once the
 * id_token is issued (DL-052, DL-054): who asked, where, and exactly what was offered.
 *
 * @example
 * ```ts
 * const session = JSON.parse((await singleUse.peek(DEEP_LINKING_SESSION_KIND, launchId))!) as DeepLinkingSession;
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0 (DL-054, DL-055)
 */
export interface DeepLinkingSession {
  launchId: string;
  clientId: string;
  deploymentId: string;
  userId: string;
  contextId?: string;
  /** The `deep_linking_settings` sent, `data` included. */
  settings: DeepLinkingSettingsClaim;
  issuedAt: number;
}

/**
 * Whether a launch is an `LtiDeepLinkingRequest`.
 *
 * @example
 * ```ts
 * if (isDeepLinkingLaunch(pending.request)) claims = await issueDeepLinkingRequest(pending, tool, options, singleUse);
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0 (DL-003)
 */
export function isDeepLinkingLaunch(request: LaunchRequest): boolean {
  return request.messageType === MESSAGE_TYPE.LtiDeepLinkingRequest;
}

function invalid(field: string, message: string): never {
  throw new LtiError('ERR_LTI_LAUNCH_INPUT_INVALID', { message: `${field}: ${message}`, detail: { field } });
}

function checkList<T extends string>(field: string, value: unknown, allowed: readonly T[]): T[] {
  if (!Array.isArray(value) || value.length === 0) invalid(field, `needs at least one of ${allowed.join(', ')} (DL-001).`);
  for (const [index, entry] of value.entries()) {
    if (!allowed.includes(entry as T)) invalid(`${field}[${index}]`, `is not one of ${allowed.join(', ')}.`);
  }
  return [...new Set(value as T[])];
}

/**
 * Checks the input of an `LtiDeepLinkingRequest` (DL-001): `deepLinking` with non-empty
 * `accept_types` (the five types of §3) and `accept_presentation_document_targets`, members of their
 * spec types, no `resourceLink` or `lineItemId` (no link is tied to the request). Returns the
 * settings to send, without the return URL. Throws `ERR_LTI_LAUNCH_INPUT_INVALID` naming the field.
 *
 * @example
 * ```ts
 * checkDeepLinkingLaunchRequest({ ...request, deepLinking: { accept_types: [], accept_presentation_document_targets: ['iframe'] } }); // throws
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#deep-linking-settings (DL-001)
 */
export function checkDeepLinkingLaunchRequest(request: LaunchRequest): Omit<DeepLinkingSettingsClaim, 'deep_link_return_url'> {
  const offer = request.deepLinking as unknown;
  if (typeof offer !== 'object' || offer === null || Array.isArray(offer)) invalid('deepLinking', 'is required for an LtiDeepLinkingRequest (DL-001).');
  if (request.resourceLink !== undefined) invalid('resourceLink', 'must be absent: a Deep Linking request is not tied to a link.');
  if (request.lineItemId !== undefined) invalid('lineItemId', 'must be absent: a Deep Linking request is not tied to a link.');
  const given = offer as Record<string, unknown>;
  const settings: Omit<DeepLinkingSettingsClaim, 'deep_link_return_url'> = {
    accept_types: checkList('deepLinking.accept_types', given.accept_types, Object.values(CONTENT_ITEM_TYPE)),
    accept_presentation_document_targets: checkList(
      'deepLinking.accept_presentation_document_targets',
      given.accept_presentation_document_targets,
      Object.values(DOCUMENT_TARGET),
    ),
  };
  for (const member of ['accept_multiple', 'accept_lineitem', 'auto_create'] as const) {
    const value = given[member];
    if (value === undefined) continue;
    if (typeof value !== 'boolean') invalid(`deepLinking.${member}`, 'must be a boolean.');
    settings[member] = value;
  }
  for (const member of ['accept_media_types', 'title', 'text', 'data'] as const) {
    const value = given[member];
    if (value === undefined) continue;
    if (typeof value !== 'string') invalid(`deepLinking.${member}`, 'must be a string.');
    settings[member] = value;
  }
  if (settings.data !== undefined && settings.data.length > MAX_DATA_LENGTH) invalid('deepLinking.data', `must be at most ${MAX_DATA_LENGTH} characters.`);
  return settings;
}

/**
 * The platform's return route for one Deep Linking request: `deep_link_return_url` (DL-001), whose
 * `launch` parameter names the pending session the response must answer.
 *
 * @example
 * ```ts
 * deepLinkingReturnUrl(platform.config, 'l-1'); // 'https://lms.example.edu/lti/deep-linking/return?launch=l-1'
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#deep-linking-settings (DL-001, DL-020)
 */
export function deepLinkingReturnUrl(config: ResolvedPlatformConfig, launchId: string): string {
  return `${config.deepLinkingReturnEndpoint}?launch=${encodeURIComponent(launchId)}`;
}

/**
 * Builds the id_token payload of an `LtiDeepLinkingRequest` (deep-linking.md §1.1): the launch
 * claims (roles, context, personal data as the registration allows, custom …) without
 * `resource_link`, `message_type` `LtiDeepLinkingRequest`, and `deep_linking_settings` with the
 * platform's return URL (DL-001); `target_link_uri` is the tool's deep-linking URL (DL-003).
 *
 * @example
 * ```ts
 * const claims = buildDeepLinkingRequestPayload(pending, tool, { nonce, now: clock.now(), config });
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#deep-linking-request-message (DL-001, DL-003)
 */
export function buildDeepLinkingRequestPayload(
  pending: PendingLaunch,
  tool: ToolRegistration,
  options: { nonce: string; now: number; config: ResolvedPlatformConfig },
): DeepLinkingRequestPayload {
  const offered = checkDeepLinkingLaunchRequest(pending.request);
  const settings: DeepLinkingSettingsClaim = { deep_link_return_url: deepLinkingReturnUrl(options.config, pending.launchId), ...offered };
  const claims: Record<string, unknown> = { ...buildResourceLinkPayload(pending, tool, options) };
  delete claims[LTI_CLAIM.resourceLink];
  claims[LTI_CLAIM.messageType] = MESSAGE_TYPE.LtiDeepLinkingRequest;
  claims[DL_CLAIM.deepLinkingSettings] = settings;
  return claims as DeepLinkingRequestPayload;
}

/**
 * Builds the payload of a Deep Linking request and remembers its session, single-use under the
 * launch id, for `deepLinkingLifetimeSeconds` (the time the user has to pick), so the response can
 * be checked against what was offered and accepted once (DL-052, DL-054, DL-055).
 *
 * @example
 * ```ts
 * const claims = await issueDeepLinkingRequest(pending, tool, { nonce, now, config }, singleUse);
 * const idToken = await keys.sign(claims);
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0 (DL-054)
 */
export async function issueDeepLinkingRequest(
  pending: PendingLaunch,
  tool: ToolRegistration,
  options: { nonce: string; now: number; config: ResolvedPlatformConfig },
  singleUse: SingleUseStore,
): Promise<DeepLinkingRequestPayload> {
  const claims = buildDeepLinkingRequestPayload(pending, tool, options);
  const { request } = pending;
  const session: DeepLinkingSession = {
    launchId: pending.launchId,
    clientId: tool.clientId,
    deploymentId: request.deploymentId,
    userId: request.user.id,
    ...(request.context === undefined ? {} : { contextId: request.context.id }),
    settings: claims[DL_CLAIM.deepLinkingSettings],
    issuedAt: options.now,
  };
  await singleUse.issue(DEEP_LINKING_SESSION_KIND, pending.launchId, JSON.stringify(session), options.now + options.config.deepLinkingLifetimeSeconds);
  return claims;
}
