// AUTH brute-force protection with a ManualClock: the delay doubles per failure (capped
// at 8x), an address is locked out after too many failures in the window.
import { beforeEach, describe, expect, it } from 'vitest';
import { AuthGuard } from '../../../engine/policy/index';
import { ManualClock } from '../../../engine/shared/clock';

let clock: ManualClock;
let guard: AuthGuard;

beforeEach(() => {
  clock = new ManualClock();
  guard = new AuthGuard({ failureDelayMs: 100, maxFailuresPerAddress: 5, windowMs: 60_000, lockoutMs: 600_000 }, clock);
});

describe('AuthGuard', () => {
  it('doubles the delay with each failure of an address, up to 8 times the base', () => {
    const delays = Array.from({ length: 6 }, () => guard.recordFailure('198.51.100.1'));
    expect(delays).toEqual([100, 200, 400, 800, 800, 800]);
  });

  it('locks the address out at maxFailuresPerAddress, until lockoutMs has passed', () => {
    for (let i = 0; i < 4; i++) guard.recordFailure('198.51.100.2');
    expect(guard.lockedUntil('198.51.100.2')).toBe(0);
    guard.recordFailure('198.51.100.2');
    const until = clock.now() + 600_000;
    expect(guard.lockedUntil('198.51.100.2')).toBe(until);
    expect(guard.lockedUntil('198.51.100.3')).toBe(0);
    clock.set(until - 1);
    expect(guard.lockedUntil('198.51.100.2')).toBe(until);
    clock.set(until);
    expect(guard.lockedUntil('198.51.100.2')).toBe(0);
  });

  it('starts counting again once the failure window has passed', () => {
    for (let i = 0; i < 4; i++) guard.recordFailure('198.51.100.4');
    clock.advance(60_001);
    expect(guard.recordFailure('198.51.100.4')).toBe(100);
    expect(guard.lockedUntil('198.51.100.4')).toBe(0);
  });

  it('forgets an address\'s failures after a success', () => {
    for (let i = 0; i < 4; i++) guard.recordFailure('198.51.100.5');
    guard.recordSuccess('198.51.100.5');
    expect(guard.recordFailure('198.51.100.5')).toBe(100);
    expect(guard.lockedUntil('198.51.100.5')).toBe(0);
  });

  it('pruning records under a spray of addresses never forgets a live lockout', () => {
    const locked = '203.0.113.9';
    for (let i = 0; i < 5; i++) guard.recordFailure(locked);
    for (let i = 0; i < 10_000; i++) guard.recordFailure(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    clock.advance(60_001);
    guard.recordFailure('10.255.255.255'); // prunes the expired records
    expect(guard.lockedUntil(locked)).toBeGreaterThan(clock.now());
  });
});
