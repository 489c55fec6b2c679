// Queue ids: 13 Crockford base32 characters that sort by creation time and never
// repeat within a process, even when the clock stands still or steps back. Session ids
// are built the same way, so session rows and transcript chunks append to their indexes.
import { describe, expect, it } from 'vitest';
import { createQueueIdGenerator, createSessionIdGenerator, QUEUE_ID_PATTERN } from '../../../engine/shared/ids';

const isStrictlyIncreasing = (ids: string[]) => ids.every((id, i) => i === 0 || ids[i - 1]! < id);

describe('queue ids', () => {
  it('have the documented format: no I, L, O or U', () => {
    const next = createQueueIdGenerator();
    for (let i = 0; i < 1000; i++) {
      const id = next();
      expect(id).toMatch(QUEUE_ID_PATTERN);
      expect(id).not.toMatch(/[ILOU]/);
    }
  });

  it('encode the time first, so later ids sort after earlier ones', () => {
    let now = Date.UTC(2026, 0, 1);
    const next = createQueueIdGenerator(() => now);
    const ids = Array.from({ length: 50 }, () => {
      now += 1;
      return next();
    });
    expect(isStrictlyIncreasing(ids)).toBe(true);
    expect(new Set(ids.map((id) => id.slice(0, 9))).size).toBe(50);
  });

  it('stay unique and ordered within one millisecond, and when the clock steps back', () => {
    let now = Date.UTC(2026, 5, 1);
    const next = createQueueIdGenerator(() => now);
    const ids = Array.from({ length: 10_000 }, () => next());
    now -= 60_000; // NTP stepped the clock back
    ids.push(...Array.from({ length: 100 }, () => next()));
    expect(new Set(ids).size).toBe(ids.length);
    expect(isStrictlyIncreasing(ids)).toBe(true);
  });

  it('carry a full counter into the time part instead of wrapping', () => {
    const frozen = Date.UTC(2026, 5, 1);
    const next = createQueueIdGenerator(() => frozen);
    const first = next();
    let last = first;
    // The counter starts below half its range, so a million ids in one millisecond must carry.
    for (let i = 0; i < 1_048_576; i++) {
      const id = next();
      if (id <= last) throw new Error(`${id} does not sort after ${last}`);
      last = id;
    }
    expect(last.slice(0, 9) > first.slice(0, 9)).toBe(true);
  });
});

describe('session ids', () => {
  it('sort by start time within each direction, outbound ones marked out-', () => {
    let now = Date.UTC(2026, 10, 28);
    const next = createSessionIdGenerator(() => now);
    const inbound: string[] = [];
    const outbound: string[] = [];
    for (let i = 0; i < 200; i++) {
      if (i % 3 === 0) now += 1;
      inbound.push(next('inbound'));
      outbound.push(next('outbound'));
    }
    expect(inbound.every((id) => /^[0-9a-hjkmnp-tv-z]{13}$/.test(id))).toBe(true);
    expect(outbound.every((id) => /^out-[0-9a-hjkmnp-tv-z]{13}$/.test(id))).toBe(true);
    expect(isStrictlyIncreasing(inbound)).toBe(true);
    expect(isStrictlyIncreasing(outbound)).toBe(true);
    expect(new Set([...inbound, ...outbound]).size).toBe(400);
  });
});
