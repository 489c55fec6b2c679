// Brute-force protection for AUTH: slow each failure down, lock an address out
// after repeated failures.
import type { Clock } from '../shared/clock';

export interface AuthGuardOptions {
  /** Delay before answering a failed AUTH; doubles with each failure of the address, capped at 8x. */
  failureDelayMs: number;
  /** Failures from one client address within `windowMs` before it is locked out. */
  maxFailuresPerAddress: number;
  windowMs: number;
  lockoutMs: number;
}

interface Record {
  failures: number;
  firstFailureAt: number;
  lockedUntil: number;
}

export class AuthGuard {
  private readonly records = new Map<string, Record>();

  constructor(private readonly options: AuthGuardOptions, private readonly clock: Clock) {}

  /** Epoch ms until which the address may not authenticate, or 0. */
  lockedUntil(address: string): number {
    const record = this.records.get(address);
    return record && record.lockedUntil > this.clock.now() ? record.lockedUntil : 0;
  }

  /** Records a failure; returns how long to wait before replying. */
  recordFailure(address: string): number {
    const now = this.clock.now();
    let record = this.records.get(address);
    if (!record || now - record.firstFailureAt > this.options.windowMs) {
      record = { failures: 0, firstFailureAt: now, lockedUntil: 0 };
      this.records.set(address, record);
    }
    record.failures++;
    if (record.failures >= this.options.maxFailuresPerAddress) record.lockedUntil = now + this.options.lockoutMs;
    this.prune(now);
    return this.options.failureDelayMs * Math.min(8, 2 ** (record.failures - 1));
  }

  recordSuccess(address: string): void {
    this.records.delete(address);
  }

  // Bounded memory under a spray of addresses: forget records whose window and lockout passed.
  private prune(now: number): void {
    if (this.records.size < 10_000) return;
    for (const [address, record] of this.records) {
      if (record.lockedUntil <= now && now - record.firstFailureAt > this.options.windowMs) this.records.delete(address);
    }
  }
}
