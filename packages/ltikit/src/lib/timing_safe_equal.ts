/**
 * Constant-time comparison of two strings: the time taken depends on their lengths only, never on
 * where they first differ. Used for every comparison of a secret (state, nonce, later OAuth 1.0a
 * signatures and shared secrets).
 *
 * @example
 * ```ts
 * timingSafeEqualStrings(cookieState, postedState); // true only when identical
 * ```
 */
export function timingSafeEqualStrings(a: string, b: string): boolean {
  // UTF-16 code units are compared directly: no encoding, no allocation on the launch hot path.
  const length = Math.max(a.length, b.length);
  let difference = a.length ^ b.length;
  for (let index = 0; index < length; index++) {
    difference |= (a.charCodeAt(index) | 0) ^ (b.charCodeAt(index) | 0);
  }
  return difference === 0;
}
