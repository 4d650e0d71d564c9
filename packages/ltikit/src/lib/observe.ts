/**
 * The one place every message either side sends or receives passes through, so it can be recorded
 * (message inspector), checked and counted (metrics). Observers must not throw; errors are swallowed.
 */
import type { LtiErrorCode } from '../errors.js';

export type LtiMessageKind =
  | 'login_initiation'
  | 'authentication_request'
  | 'authentication_response'
  | 'launch'
  | 'return'
  | 'jwks'
  | 'configuration';

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
  /** Decoded claims (never the raw token) for inspection; absent when the message was unreadable. */
  claims?: Record<string, unknown>;
}

export type LtiMessageObserver = (event: LtiMessageEvent) => void;

export function notify(observer: LtiMessageObserver | undefined, event: LtiMessageEvent): void {
  if (observer === undefined) return;
  try {
    observer(event);
  } catch {
    // An observer failure must never change protocol behaviour.
  }
}
