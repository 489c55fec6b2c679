// A token bucket: `rate` tokens per `periodMs`, holding at most `capacity`.

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(private rate: number, private readonly periodMs: number, private capacity: number, now: number) {
    this.tokens = capacity;
    this.updatedAt = now;
  }

  /** Takes a token and returns 0, or returns how many ms until one is available. */
  take(now: number): number {
    this.refill(now);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) * this.periodMs) / this.rate);
  }

  reconfigure(rate: number, capacity: number, now: number): void {
    this.refill(now);
    this.rate = rate;
    this.capacity = capacity;
    this.tokens = Math.min(this.tokens, capacity);
  }

  private refill(now: number): void {
    const elapsed = now - this.updatedAt;
    if (elapsed > 0) this.tokens = Math.min(this.capacity, this.tokens + (elapsed * this.rate) / this.periodMs);
    this.updatedAt = now;
  }
}
