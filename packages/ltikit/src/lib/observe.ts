/**
 * The one place every message either side sends or receives passes through, so it can be recorded
 * (message inspector), checked and counted (metrics). Observers must not throw; errors are swallowed.
 */
import type { LtiErrorCode } from '../errors.js';

/**
 * Which message of the flow an {@link LtiMessageEvent} is about: login initiation (OIDC-002),
 * authentication request (OIDC-013) and response (OIDC-030), the launch POST (CORE-020), the
 * return URL (RET-001), a key set (SEC-005), the OpenID configuration (DR-012), a Deep Linking
 * response (DL-020) or a Dynamic Registration (DR-020).
 *
 * @example
 * ```ts
 * const observer: LtiMessageObserver = (event) => { if (event.kind === 'launch') launches.inc({ outcome: event.outcome }); };
 * ```
 */
export type LtiMessageKind =
  | 'login_initiation'
  | 'authentication_request'
  | 'authentication_response'
  | 'launch'
  | 'return'
  | 'jwks'
  | 'configuration'
  | 'token_request'
  | 'service_request'
  | 'deep_linking_response'
  | 'registration';

/**
 * One message sent or received by either side, as handed to an {@link LtiMessageObserver}: ids and
 * the failing check's code, never the raw token; claims come with personal data and the nonce
 * redacted (MSG-004, VAL-011).
 *
 * @example
 * ```ts
 * observer: (event) => logger.info({ kind: event.kind, outcome: event.outcome, code: event.errorCode }, 'lti message'),
 * ```
 */
export interface LtiMessageEvent {
  side: 'tool' | 'platform';
  direction: 'sent' | 'received';
  kind: LtiMessageKind;
  outcome: 'accepted' | 'rejected';
  /** The LTI message type when known (e.g. `LtiResourceLinkRequest`). */
  messageType?: string;
  issuer?: string;
  clientId?: string;
  deploymentId?: string;
  errorCode?: LtiErrorCode;
  /** Milliseconds spent handling the message. */
  durationMs: number;
  /**
   * Decoded claims (never the raw token) for inspection, with personal data and the nonce
   * redacted (see {@link redactClaims}); absent when the message was unreadable.
   */
  claims?: Record<string, unknown>;
}

/**
 * Sees every message; may be async (a recorder writing to a database). Its failures are ignored, so
 * an observer can never change a protocol answer. It is the hook for a message inspector and for
 * per-check metrics (the `errorCode` names the requirement that failed, e.g. VAL-009).
 *
 * @example
 * ```ts
 * const platform = createPlatform({ ...options, observer: (event) => inspector.record(event) });
 * ```
 */
export type LtiMessageObserver = (event: LtiMessageEvent) => unknown;

/** Claims whose values identify a person, or are single-use secrets: never handed to observers. */
const REDACTED_CLAIMS = new Set(['name', 'given_name', 'family_name', 'middle_name', 'email', 'picture', 'nonce']);

/** A copy of `claims` with personal data and the nonce replaced by `"[redacted]"` (ids are kept). */
export function redactClaims(claims: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(claims)) copy[name] = REDACTED_CLAIMS.has(name) ? '[redacted]' : value;
  return copy;
}

/** Hands an event to the observer; neither a throw nor a rejection can change protocol behaviour. */
export function notify(observer: LtiMessageObserver | undefined, event: LtiMessageEvent): void {
  if (observer === undefined) return;
  const safe = event.claims === undefined ? event : { ...event, claims: redactClaims(event.claims) };
  try {
    const result = observer(safe);
    if (result !== undefined && typeof (result as Promise<void>).catch === 'function') (result as Promise<void>).catch(() => undefined);
  } catch {
    // An observer failure must never change protocol behaviour.
  }
}
