/**
 * Counts failed logins per e-mail and per IP; past the limit, that key is refused for a while.
 * Per process: in scale-out each API node keeps its own count (documented in the README).
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; until: number; first: number }>();

  constructor(
    private readonly maxFailures: number,
    private readonly lockMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds the caller must wait, or 0 when none of the keys is locked. */
  retryAfter(keys: string[]): number {
    const now = this.now();
    let wait = 0;
    for (const key of keys) {
      const entry = this.failures.get(key);
      if (entry && entry.until > now) wait = Math.max(wait, Math.ceil((entry.until - now) / 1000));
    }
    return wait;
  }

  recordFailure(keys: string[], limits: Record<string, number> = {}): void {
    const now = this.now();
    for (const key of keys) {
      let entry = this.failures.get(key);
      if (!entry || now - entry.first > this.lockMs) entry = { count: 0, until: 0, first: now };
      entry.count += 1;
      if (entry.count >= (limits[key] ?? this.maxFailures)) entry.until = now + this.lockMs;
      this.failures.set(key, entry);
    }
    if (this.failures.size > 10_000) this.prune(now);
  }

  recordSuccess(keys: string[]): void {
    for (const key of keys) this.failures.delete(key);
  }

  private prune(now: number): void {
    for (const [key, entry] of this.failures) {
      if (entry.until < now && now - entry.first > this.lockMs) this.failures.delete(key);
    }
  }
}
