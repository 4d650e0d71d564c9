/**
 * Field checks shared by the registration checkers of both sides: each failure names the field,
 * with the error code of the registry being checked, so nothing half-valid is ever stored.
 */
import { LtiError, type LtiErrorCode } from '../errors.js';
import { assertSecureUrl } from './guarded_fetch.js';

/** Builds the `invalid(field, message)` of one registry. */
export function fieldFailure(code: LtiErrorCode): (field: string, message: string) => never {
  return (field, message) => {
    throw new LtiError(code, { message: `${field}: ${message}`, detail: { field } });
  };
}

/** CORE-004: a required https URL (plain http only on loopback when allowed), without fragment. */
export function checkHttpsUrlField(
  invalid: (field: string, message: string) => never,
  field: string,
  value: unknown,
  allowInsecureLoopback: boolean,
): string {
  if (typeof value !== 'string' || value === '') invalid(field, 'is required.');
  try {
    assertSecureUrl(value, { allowInsecureLoopback });
  } catch {
    invalid(field, `must be an https URL (got ${JSON.stringify(value).slice(0, 200)}).`);
  }
  if (new URL(value).hash !== '') invalid(field, 'must not have a fragment.');
  return value;
}
