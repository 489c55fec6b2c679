// Sliding-window rate limits keyed by credential (or any string), in memory.
import type { Clock } from '../shared/clock';
import type { RateLimit } from '../api/contract';

interface Window {
  start: number;
  count: number;
  previousCount: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * Approximates a true sliding window with two fixed windows: the previous window's
 * count is weighted by how much of it still overlaps the sliding window. Memory is
 * constant per key whatever the limit, unlike a log of timestamps.
 */
export class SlidingWindowLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly clock: Clock) {}

  take(key: string, limit: RateLimit): RateDecision {
    const now = this.clock.now();
    const window = this.current(key, limit.windowMs, now);
    const overlap = 1 - (now - window.start) / limit.windowMs;
    const estimate = window.previousCount * overlap + window.count;
    if (estimate + 1 > limit.messages) {
      // Time until enough of the previous window slides out (or the current one ends).
      const excess = estimate + 1 - limit.messages;
      const retryAfterMs = window.previousCount > 0
        ? Math.ceil((excess / window.previousCount) * limit.windowMs)
        : window.start + limit.windowMs - now;
      return { ok: false, retryAfterMs: Math.max(1, Math.min(retryAfterMs, limit.windowMs)) };
    }
    window.count++;
    return { ok: true };
  }

  private current(key: string, windowMs: number, now: number): Window {
    const start = now - (now % windowMs);
    let window = this.windows.get(key);
    if (!window) {
      window = { start, count: 0, previousCount: 0 };
      this.windows.set(key, window);
    } else if (window.start !== start) {
      window.previousCount = start - window.start === windowMs ? window.count : 0;
      window.start = start;
      window.count = 0;
    }
    return window;
  }
}
