/**
 * How many times each client address did something in the last hour, in this process: enough to stop a script
 * flooding a public form, never so low that an office sharing one address is stopped (several servers each count
 * their own). Used by the diffida and the satisfaction forms.
 */
export class AddressLimit {
  private readonly sent = new Map<string, number[]>();
  constructor(
    private readonly perHour: number,
    private readonly now: () => number,
  ) {}

  /** Counts one more from `address`; false when it is over the limit. */
  take(address: string): boolean {
    const since = this.now() - 3600_000;
    const recent = (this.sent.get(address) ?? []).filter((at) => at > since);
    if (recent.length >= this.perHour) {
      this.sent.set(address, recent);
      return false;
    }
    recent.push(this.now());
    this.sent.set(address, recent);
    if (this.sent.size > 10_000) for (const [key, times] of this.sent) if (times.every((at) => at <= since)) this.sent.delete(key);
    return true;
  }
}
