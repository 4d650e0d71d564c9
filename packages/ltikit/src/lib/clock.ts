/** The one injectable clock. `now()` is seconds since the epoch (JWT time). */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Math.floor(Date.now() / 1000) };

/** A clock that stands still until moved; for tests. */
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
