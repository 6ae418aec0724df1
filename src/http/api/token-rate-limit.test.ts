import { describe, expect, it } from 'vitest';
import { FixedWindowLimiter } from './token-rate-limit.ts';

describe('the per-token rate limit', () => {
  it('allows max requests per window and key, then refuses until the window ends', () => {
    let now = 0;
    const limiter = new FixedWindowLimiter(2, 60_000, () => now);
    expect(limiter.take('1')).toEqual({ allowed: true, remaining: 1, resetSeconds: 60 });
    expect(limiter.take('1').allowed).toBe(true);
    now = 15_000;
    expect(limiter.take('1')).toEqual({ allowed: false, remaining: 0, resetSeconds: 45 });
    expect(limiter.take('2').allowed).toBe(true);
    now = 60_000;
    expect(limiter.take('1')).toEqual({ allowed: true, remaining: 1, resetSeconds: 60 });
  });
});
