/**
 * Structured logs (pino, one JSON object per line). Request lines carry the path without its query
 * (queries carry login hints and message hints), and every field that could hold a token or a
 * secret is censored before it is written.
 */
import pino, { type Logger } from 'pino';

export type { Logger };

/** Field paths censored wherever they appear in a log object. */
export const REDACTED_PATHS = [
  'authorization',
  'cookie',
  'id_token',
  'token',
  'adminToken',
  'secret',
  'password',
  'privateJwk',
  '*.authorization',
  '*.cookie',
  '*.id_token',
  '*.token',
  '*.adminToken',
  '*.secret',
  '*.password',
  '*.privateJwk',
  'event.claims.nonce',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { service: 'ltikit-hub' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination);
}
