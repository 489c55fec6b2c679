// The token bucket behind per-minute, per-hour and global rates: a full bucket on creation,
// refill in proportion to elapsed time up to the capacity, and a wait a caller can sleep on.
import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../../engine/policy/throttle/token-bucket';

describe('TokenBucket', () => {
  it('starts full: capacity tokens at once, then the wait until the next one', () => {
    const bucket = new TokenBucket(60, 60_000, 3, 0);
    expect([0, 0, 0].map(() => bucket.take(0))).toEqual([0, 0, 0]);
    expect(bucket.take(0)).toBe(1000);
  });

  it('refills at rate per period, in proportion to the time passed', () => {
    const bucket = new TokenBucket(60, 60_000, 3, 0);
    for (let i = 0; i < 3; i++) bucket.take(0);
    expect(bucket.take(400)).toBe(600); // 0.4 of a token back: 600 ms to a whole one
    expect(bucket.take(1000)).toBe(0);
    expect(bucket.take(1000)).toBe(1000);
  });

  it('never holds more than its capacity, however long it was idle', () => {
    const bucket = new TokenBucket(60, 60_000, 3, 0);
    let taken = 0;
    while (bucket.take(3_600_000) === 0) taken++;
    expect(taken).toBe(3);
  });

  it('over any window lets through at most capacity + rate x window', () => {
    const bucket = new TokenBucket(120, 60_000, 10, 0);
    const grants: number[] = [];
    for (let now = 0; now <= 30_000; now += 50) while (bucket.take(now) === 0) grants.push(now);
    for (let i = 0; i < grants.length; i++) {
      for (let j = i; j < grants.length; j++) {
        expect(j - i + 1).toBeLessThanOrEqual(10 + (120 / 60_000) * (grants[j]! - grants[i]!) + 1e-9);
      }
    }
    // The burst, then 2 a second for 30 s (the last one may be a float's hair short).
    expect(grants.length).toBeGreaterThanOrEqual(10 + 60 - 1);
    expect(grants.length).toBeLessThanOrEqual(10 + 60);
  });

  it('keeps what it holds when reconfigured, cut down to a smaller capacity', () => {
    const bucket = new TokenBucket(120, 60_000, 10, 0);
    bucket.reconfigure(60, 5, 0);
    let taken = 0;
    while (bucket.take(0) === 0) taken++;
    expect(taken).toBe(5);
    expect(bucket.take(0)).toBe(1000); // the new rate: one a second
  });
});
