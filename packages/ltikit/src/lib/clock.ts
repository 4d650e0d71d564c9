/**
 * The one injectable clock. `now()` is seconds since the epoch (JWT time): the `exp`/`iat` checks
 * (VAL-009, VAL-010) and every expiry of a state, nonce or message hint read it, so tests can
 * freeze time.
 *
 * @example
 * ```ts
 * const tool = createTool({ baseUrl, stores, onLaunch, clock: fixedClock(1767225600) });
 * ```
 */
export interface Clock {
  now(): number;
}

/**
 * The default {@link Clock}: the wall clock in whole seconds, as JWT `iat` and `exp` are written
 * (VAL-009). Servers need synchronised time; the checks allow only a small skew.
 *
 * @example
 * ```ts
 * const expiresAt = systemClock.now() + 300;
 * ```
 */
export const systemClock: Clock = { now: () => Math.floor(Date.now() / 1000) };

/**
 * A clock that stands still until moved; for tests, e.g. to step past an id_token's `exp` (VAL-009)
 * or a state's lifetime.
 *
 * @example
 * ```ts
 * const clock = fixedClock(1767225600);
 * clock.advance(301); // the 300-second id_token has now expired
 * ```
 */
export function fixedClock(start: number): Clock & { set(seconds: number): void; advance(seconds: number): void } {
  let current = start;
  return {
    now: () => current,
    set: (seconds: number) => {
      current = seconds;
    },
    advance: (seconds: number) => {
      current += seconds;
    },
  };
}
