/** What one request may do now. */
export interface RateDecision {
  allowed: boolean;
  remaining: number;
  /** Seconds until the window resets (what Retry-After says when refused). */
  resetSeconds: number;
}

/**
 * A fixed-window request counter per key (an API token's id): at most `max` requests per `windowMs`. Kept in memory,
 * so each server process counts on its own; there are as many keys as tokens, so the map stays small.
 */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a request for `key` and says whether it may go on. */
  take(key: string): RateDecision {
    const now = this.now();
    let window = this.windows.get(key);
    if (window === undefined || now - window.start >= this.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    const resetSeconds = Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
    if (window.count >= this.max) return { allowed: false, remaining: 0, resetSeconds };
    window.count += 1;
    return { allowed: true, remaining: this.max - window.count, resetSeconds };
  }
}
