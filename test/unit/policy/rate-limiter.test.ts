// The sliding-window limiter with a ManualClock: N per window, the previous window
// weighted by its overlap, and a retry time a client can act on.
import { beforeEach, describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from '../../../engine/policy/index';
import { ManualClock } from '../../../engine/shared/clock';

const MINUTE = 60_000;
const limit = { messages: 3, windowMs: MINUTE };
let clock: ManualClock;
let limiter: SlidingWindowLimiter;

beforeEach(() => {
  clock = new ManualClock(100 * MINUTE); // at the start of a window
  limiter = new SlidingWindowLimiter(clock);
});

const takeAll = (count: number, key = 'k') => Array.from({ length: count }, () => limiter.take(key, limit).ok);

describe('SlidingWindowLimiter', () => {
  it('allows N in a window, then refuses until the window ends', () => {
    expect(takeAll(3)).toEqual([true, true, true]);
    clock.advance(15_000);
    expect(limiter.take('k', limit)).toEqual({ ok: false, retryAfterMs: 45_000 });
  });

  it('weights the previous window by how much of it still overlaps', () => {
    takeAll(3);
    clock.advance(MINUTE); // a new window; the previous 3 still count in full
    expect(limiter.take('k', limit)).toEqual({ ok: false, retryAfterMs: 20_000 });
    clock.advance(20_000); // a third of the previous window slid out: 2 of its 3 still count
    expect(limiter.take('k', limit).ok).toBe(true);
    expect(limiter.take('k', limit).ok).toBe(false);
    clock.advance(20_000); // 1 of the previous 3 plus 1 in this window
    expect(takeAll(2)).toEqual([true, false]);
  });

  it('forgets a window that ended more than a window ago', () => {
    takeAll(3);
    clock.advance(2 * MINUTE + 1);
    expect(takeAll(4)).toEqual([true, true, true, false]);
  });

  it('keeps each key apart, and refusals do not count', () => {
    takeAll(3, 'a');
    expect(takeAll(5, 'a')).toEqual([false, false, false, false, false]);
    expect(takeAll(3, 'b')).toEqual([true, true, true]);
    clock.advance(2 * MINUTE);
    expect(takeAll(3, 'a')).toEqual([true, true, true]);
  });

  it('never answers a retry time below 1 ms or beyond one window', () => {
    const single = { messages: 1, windowMs: 1000 };
    expect(limiter.take('one', single).ok).toBe(true);
    clock.advance(999);
    expect(limiter.take('one', single)).toEqual({ ok: false, retryAfterMs: 1 });
    clock.advance(1);
    const refused = limiter.take('one', single);
    expect(refused.ok).toBe(false);
    expect(refused.ok === false && refused.retryAfterMs).toBe(1000);
  });
});
