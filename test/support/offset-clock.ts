// A clock that runs in real time and can also jump forward. Token buckets refill only as
// time passes, so rate tests need a running clock; a jump skips a long pause (60 s after a
// rate-limit reply) without waiting for it.
import type { Clock } from '../../engine/shared/clock';

export class OffsetClock implements Clock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
