/**
 * Time sources. The engine reads time only through a {@link Clock}, so tests
 * can move time forward without sleeping.
 *
 * @module
 */

/** A source of the current time in milliseconds since the epoch. */
export interface Clock {
  now(): number;
}

/** The real clock. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }
}

/**
 * A clock that only moves when told; for tests of expiry.
 *
 * @example
 * ```ts
 * const clock = new ManualClock(1_000);
 * clock.advance(500);
 * clock.now(); // 1500
 * ```
 */
export class ManualClock implements Clock {
  private time: number;
  constructor(start: number = Date.now()) {
    this.time = start;
  }
  now(): number {
    return this.time;
  }
  /** Moves time forward by `ms`. */
  advance(ms: number): void {
    this.time += ms;
  }
  /** Sets the time. */
  set(ms: number): void {
    this.time = ms;
  }
}
