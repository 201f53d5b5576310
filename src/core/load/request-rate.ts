/**
 * How many requests per second the API is serving, over the last window. The HTTP layer marks each
 * request; background work in the same process asks it whether to yield (see decision 0006).
 */
export class RequestRate {
  private windowStart: number;
  private count = 0;
  private last = 0;

  constructor(
    private readonly windowMs = 100,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.windowStart = now();
  }

  mark(): void {
    this.roll();
    this.count += 1;
  }

  /** The rate of the last full window; a long quiet spell reads as a low rate, not a stale high one. */
  perSecond(): number {
    this.roll();
    return this.last;
  }

  private roll(): void {
    const at = this.now();
    const elapsed = at - this.windowStart;
    if (elapsed < this.windowMs) return;
    this.last = (this.count * 1000) / elapsed;
    this.count = 0;
    this.windowStart = at;
  }
}
