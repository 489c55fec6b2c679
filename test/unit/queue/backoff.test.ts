// The retry schedule: exponential from the first delay, capped, spread by jitter within its
// documented bounds, and a documented schedule that stays inside the retry window.
import { describe, expect, it } from 'vitest';
import { defaultBackoff, retryDelayMs, retrySchedule, type BackoffPolicy } from '../../../engine/queue/index';

const HOUR = 3_600_000;
const middle = () => 0.5; // random() = 0.5 is no spread at all
const policy: BackoffPolicy = { firstDelayMs: 60_000, maxDelayMs: 16 * 60_000, jitter: 0.2 };

describe('retryDelayMs', () => {
  it('starts at the first delay and doubles after each failure', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, policy, middle))).toEqual([1, 2, 4, 8, 16].map((m) => m * 60_000));
  });

  it('never decreases and stops growing at the cap', () => {
    const delays = Array.from({ length: 40 }, (_, i) => retryDelayMs(i + 1, defaultBackoff, middle));
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]!);
    expect(Math.max(...delays)).toBe(defaultBackoff.maxDelayMs);
    expect(delays.at(-1)).toBe(defaultBackoff.maxDelayMs);
  });

  it('spreads each delay by at most ±jitter of its base, reaching both ends', () => {
    for (const attempts of [1, 3, 6, 30]) {
      const base = retryDelayMs(attempts, policy, middle);
      expect(retryDelayMs(attempts, policy, () => 0)).toBe(Math.round(base * (1 - policy.jitter)));
      expect(retryDelayMs(attempts, policy, () => 1)).toBe(Math.round(base * (1 + policy.jitter)));
      for (let i = 0; i < 200; i++) {
        const delay = retryDelayMs(attempts, policy);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(base * (1 - policy.jitter)));
        expect(delay).toBeLessThanOrEqual(Math.ceil(base * (1 + policy.jitter)));
      }
    }
  });

  it('treats attempt counts below 1 as the first failure and never goes under a second', () => {
    expect(retryDelayMs(0, policy, middle)).toBe(60_000);
    expect(retryDelayMs(-5, policy, middle)).toBe(60_000);
    expect(retryDelayMs(1, { firstDelayMs: 10, maxDelayMs: 10, jitter: 0.5 }, () => 0)).toBe(1000);
  });

  it('keeps the documented default: 5 minutes first, 15% jitter, RFC 5321 §4.5.4.1 spacing once capped', () => {
    expect(defaultBackoff.firstDelayMs).toBe(5 * 60_000);
    expect(defaultBackoff.jitter).toBe(0.15);
    expect(defaultBackoff.maxDelayMs).toBeGreaterThanOrEqual(30 * 60_000);
  });
});

describe('retrySchedule', () => {
  it('lists cumulative retry times, increasing, inside the window and ending at its end', () => {
    for (const windowMs of [24 * HOUR, 48 * HOUR, 72 * HOUR]) {
      const offsets = retrySchedule(windowMs);
      expect(offsets.length).toBeGreaterThan(5);
      for (let i = 1; i < offsets.length; i++) expect(offsets[i]).toBeGreaterThan(offsets[i - 1]!);
      // The retry the schedule would put after the window moves to its end (outcomes.ts).
      expect(offsets.at(-1)).toBe(windowMs);
      expect(offsets.at(-2)! + retryDelayMs(offsets.length, defaultBackoff, middle)).toBeGreaterThan(windowMs);
    }
  });

  it('follows retryDelayMs without jitter', () => {
    expect(retrySchedule(31 * 60_000, policy)).toEqual([1, 3, 7, 15, 31].map((m) => m * 60_000));
    expect(retrySchedule(30 * 60_000, policy)).toEqual([1, 3, 7, 15, 30].map((m) => m * 60_000));
  });

  it('retries every maxDelay once capped: the documented 48 h schedule', () => {
    const offsets = retrySchedule(48 * HOUR);
    const gaps = offsets.slice(1).map((at, i) => at - offsets[i]!);
    expect(gaps.slice(5, -1).every((gap) => gap === defaultBackoff.maxDelayMs)).toBe(true);
    expect(offsets).toHaveLength(28); // README, "Retry schedule"
  });

  it('is longer for a longer window; a window shorter than the first delay gets one retry at its end', () => {
    expect(retrySchedule(72 * HOUR).length).toBeGreaterThan(retrySchedule(24 * HOUR).length);
    expect(retrySchedule(60_000)).toEqual([60_000]);
  });
});
