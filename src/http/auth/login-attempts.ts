/** How many failed sign-ins are allowed, per client address and per email, within a window. */
export interface LoginLimits {
  perIp: number;
  perEmail: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perIp: 20, perEmail: 5, windowMs: 15 * 60_000 };

/**
 * Counts failed sign-ins per address and per email, in memory (per instance: with several instances the limits
 * apply to each). A success clears the email's count.
 */
export class LoginAttempts {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: LoginLimits,
    private readonly now: () => number,
  ) {}

  private recent(key: string): number[] {
    const since = this.now() - this.limits.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((at) => at > since);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }

  /** Whether another attempt from this address for this email must be refused now. */
  isBlocked(ip: string, email: string): boolean {
    return this.recent(`ip:${ip}`).length >= this.limits.perIp || this.recent(`email:${email.trim().toLowerCase()}`).length >= this.limits.perEmail;
  }

  recordFailure(ip: string, email: string): void {
    const at = this.now();
    for (const key of [`ip:${ip}`, `email:${email.trim().toLowerCase()}`]) this.failures.set(key, [...this.recent(key), at]);
  }

  recordSuccess(email: string): void {
    this.failures.delete(`email:${email.trim().toLowerCase()}`);
  }
}
