/**
 * The tool's answer to an `LtiDeepLinkingRequest` (deep-linking.md §2): the selected content items,
 * checked against what the platform accepts (DL-011, DL-012), in an `LtiDeepLinkingResponse` JWT
 * signed with the tool's key (DL-021) and posted by the browser as the form field `JWT` to
 * `deep_link_return_url` (DL-020).
 *
 * @example
 * ```ts
 * onLaunch: (launch) => launch.deepLinking === undefined ? renderActivity(launch) : renderPicker(launch),
 * // …once the user has picked:
 * return tool.createDeepLinkingResponse(launch, [{ type: 'ltiResourceLink', title: 'Quiz 1', url: 'https://tool.example.com/lti/launch/quiz-1' }], { msg: 'Quiz 1 added' });
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#deep-linking-response-message
 */
import { LtiError, toLtiError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { autoSubmitFormResponse } from '../../lib/http.js';
import { type LtiMessageObserver, notify } from '../../lib/observe.js';
import { randomToken } from '../../lib/random.js';
import type { SigningKeySet } from '../../keys/signing_key_set.js';
import {
  type ContentItem,
  type DeepLinkingResponsePayload,
  type DeepLinkingSettingsClaim,
  requestedDocumentTargets,
  validateContentItems,
} from '../../messages/deep_linking.js';
import { DL_CLAIM, LTI_CLAIM } from '../../vocab/claims.js';
import { LTI_VERSION, MESSAGE_TYPE } from '../../vocab/message_types.js';
import type { LtiLaunch } from '../launch/validate_launch.js';

/** Lifetime of a response JWT: it is posted by the browser right away (deep-linking.md §2.2: short). */
export const DEEP_LINKING_RESPONSE_LIFETIME_SECONDS = 300;

/**
 * The messages of a Deep Linking response (deep-linking.md §2.2): `msg` and `errormsg` are shown to
 * the user, `log` and `errorlog` go to the platform's logs (DL-056). On cancel or failure, answer with
 * no items and an `errormsg`/`errorlog` so the platform can close its dialog (DL-031).
 *
 * @example
 * ```ts
 * await tool.createDeepLinkingResponse(launch, [], { errormsg: 'Nothing was selected.', errorlog: 'user cancelled' });
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#deep-linking-response-message (DL-031, DL-056)
 */
export interface DeepLinkingResponseOptions {
  msg?: string;
  errormsg?: string;
  log?: string;
  errorlog?: string;
}

/** What signing a response needs from the tool. */
export interface DeepLinkingResponseContext {
  keys: SigningKeySet | undefined;
  clock: Clock;
  observer?: LtiMessageObserver | undefined;
}

/** DL-010: only a validated Deep Linking request can be answered. */
function settingsOf(launch: LtiLaunch): DeepLinkingSettingsClaim {
  if (launch.messageType !== MESSAGE_TYPE.LtiDeepLinkingRequest || launch.deepLinking === undefined) {
    throw new LtiError('ERR_LTI_DL_NOT_DEEP_LINKING_LAUNCH', { detail: { message_type: launch.messageType } });
  }
  return launch.deepLinking;
}

/**
 * The tool's own duties towards the offer, beyond the types and count both sides check: no
 * `lineItem` when the platform said it ignores them (`accept_lineitem: false`, DL-058), and only
 * presentation targets the platform accepts (DL-012), when it listed them.
 */
function checkItemsHonourSettings(items: readonly ContentItem[], settings: DeepLinkingSettingsClaim): void {
  const targets = settings.accept_presentation_document_targets;
  for (const [index, item] of items.entries()) {
    if (item.type === 'ltiResourceLink' && item.lineItem !== undefined && settings.accept_lineitem === false) {
      throw new LtiError('ERR_LTI_DL_LINE_ITEM_NOT_ACCEPTED', { detail: { index } });
    }
    if (targets === undefined) continue;
    const refused = requestedDocumentTargets(item).filter((target) => !targets.includes(target));
    if (refused.length > 0) {
      throw new LtiError('ERR_LTI_DL_DOCUMENT_TARGET_NOT_ACCEPTED', { detail: { index, targets: refused, accepted: [...targets] } });
    }
  }
}

/**
 * Builds the `LtiDeepLinkingResponse` claims (DL-030): `iss` and `azp` the client id, `aud` the
 * platform issuer, the request's `deployment_id`, a fresh `nonce`, a short `exp`, `data` echoed
 * exactly when the request had one (DL-054) and `content_items` always present (empty = nothing
 * selected, DL-031, DL-061). Refuses, before anything is signed, items of a type the platform did
 * not accept (DL-011), several items without `accept_multiple` (DL-012), a `lineItem` under
 * `accept_lineitem: false`, a presentation target not accepted (DL-012) and malformed items.
 *
 * @example
 * ```ts
 * const payload = buildDeepLinkingResponsePayload(launch, [{ type: 'link', url: 'https://example.com' }], {}, { now: clock.now() });
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#deep-linking-response-message (DL-030)
 */
export function buildDeepLinkingResponsePayload(
  launch: LtiLaunch,
  contentItems: readonly ContentItem[],
  options: DeepLinkingResponseOptions,
  context: { now: number; nonce?: string },
): DeepLinkingResponsePayload {
  const settings = settingsOf(launch);
  const items = validateContentItems(contentItems, settings);
  checkItemsHonourSettings(items, settings);
  const payload: DeepLinkingResponsePayload = {
    iss: launch.clientId,
    aud: launch.issuer,
    azp: launch.clientId,
    iat: context.now,
    exp: context.now + DEEP_LINKING_RESPONSE_LIFETIME_SECONDS,
    nonce: context.nonce ?? randomToken(16),
    [LTI_CLAIM.messageType]: MESSAGE_TYPE.LtiDeepLinkingResponse,
    [LTI_CLAIM.version]: LTI_VERSION,
    [LTI_CLAIM.deploymentId]: launch.deploymentId,
  };
  if (settings.data !== undefined) payload[DL_CLAIM.data] = settings.data;
  payload[DL_CLAIM.contentItems] = items;
  const messages = [
    [DL_CLAIM.msg, options.msg],
    [DL_CLAIM.errorMsg, options.errormsg],
    [DL_CLAIM.log, options.log],
    [DL_CLAIM.errorLog, options.errorlog],
  ] as const;
  for (const [claim, value] of messages) if (typeof value === 'string' && value !== '') payload[claim] = value;
  return payload;
}

/**
 * Builds, signs (the tool's active key: header `alg`, `kid`, `typ: 'JWT'`, DL-021) and delivers a
 * Deep Linking response: an auto-submitting page that POSTs `JWT=<response>` to the request's
 * `deep_link_return_url`, its query string kept (DL-020). Needs the tool's `stores.keys`
 * (`ERR_LTI_TOOL_KEYS_MISSING`).
 *
 * @example
 * ```ts
 * return createDeepLinkingResponse(launch, items, { msg: '2 items added' }, { keys: tool.keys, clock });
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#deep-linking-response-message (DL-020, DL-021)
 */
export async function createDeepLinkingResponse(
  launch: LtiLaunch,
  contentItems: readonly ContentItem[],
  options: DeepLinkingResponseOptions,
  context: DeepLinkingResponseContext,
): Promise<Response> {
  const started = performance.now();
  const event = { side: 'tool', kind: 'deep_linking_response', direction: 'sent', issuer: launch.issuer, clientId: launch.clientId, deploymentId: launch.deploymentId } as const;
  try {
    const payload = buildDeepLinkingResponsePayload(launch, contentItems, options, { now: context.clock.now() });
    if (context.keys === undefined) throw new LtiError('ERR_LTI_TOOL_KEYS_MISSING');
    const jwt = await context.keys.sign(payload, { typ: 'JWT' });
    const returnUrl = (launch.deepLinking as DeepLinkingSettingsClaim).deep_link_return_url;
    notify(context.observer, {
      ...event,
      outcome: 'accepted',
      messageType: MESSAGE_TYPE.LtiDeepLinkingResponse,
      claims: payload,
      durationMs: performance.now() - started,
    });
    return autoSubmitFormResponse(returnUrl, { JWT: jwt }, 'Returning to the platform…');
  } catch (thrown) {
    const error = toLtiError(thrown);
    notify(context.observer, { ...event, outcome: 'rejected', errorCode: error.code, durationMs: performance.now() - started });
    throw error;
  }
}
