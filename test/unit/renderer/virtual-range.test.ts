// The virtual list's maths: which rows a viewport needs, however long the list.
import { describe, expect, it } from 'vitest';
import { isAtBottom, sameRange, scrollTopToReveal, visibleRange } from '../../../renderer/lib/virtual-range';

describe('visibleRange', () => {
  it('covers the rows in view plus the overscan, never past the ends', () => {
    expect(visibleRange({ scrollTop: 0, viewportHeight: 360, rowHeight: 36, count: 1000 }, 5)).toEqual({ start: 0, end: 15 });
    expect(visibleRange({ scrollTop: 3600, viewportHeight: 360, rowHeight: 36, count: 1000 }, 5)).toEqual({ start: 95, end: 115 });
    expect(visibleRange({ scrollTop: 35_640, viewportHeight: 360, rowHeight: 36, count: 1000 }, 5)).toEqual({ start: 985, end: 1000 });
  });

  it('renders a bounded number of rows for a million-row list', () => {
    const range = visibleRange({ scrollTop: 36 * 600_000, viewportHeight: 900, rowHeight: 36, count: 1_000_000 }, 8);
    expect(range.start).toBe(600_000 - 8);
    expect(range.end - range.start).toBe(25 + 16);
  });

  it('counts a partly visible row at either edge', () => {
    expect(visibleRange({ scrollTop: 10, viewportHeight: 100, rowHeight: 36, count: 100 }, 0)).toEqual({ start: 0, end: 4 });
  });

  it('is empty for an empty list and survives odd inputs', () => {
    expect(visibleRange({ scrollTop: 0, viewportHeight: 500, rowHeight: 36, count: 0 }, 8)).toEqual({ start: 0, end: 0 });
    expect(visibleRange({ scrollTop: -50, viewportHeight: 0, rowHeight: 36, count: 10 }, 0)).toEqual({ start: 0, end: 1 });
    expect(visibleRange({ scrollTop: 1e9, viewportHeight: 300, rowHeight: 36, count: 10 }, 2)).toEqual({ start: 7, end: 10 });
  });
});

describe('scrollTopToReveal', () => {
  const view = { scrollTop: 360, viewportHeight: 360, rowHeight: 36 };
  it('scrolls up to a row above, down to a row below, not at all for a visible one', () => {
    expect(scrollTopToReveal(5, view)).toBe(180);
    expect(scrollTopToReveal(25, view)).toBe(26 * 36 - 360);
    expect(scrollTopToReveal(12, view)).toBeNull();
  });
});

describe('isAtBottom and sameRange', () => {
  it('treats the last few pixels as the bottom', () => {
    expect(isAtBottom({ scrollTop: 640, viewportHeight: 360, rowHeight: 10, count: 100 })).toBe(true);
    expect(isAtBottom({ scrollTop: 637, viewportHeight: 360, rowHeight: 10, count: 100 })).toBe(true);
    expect(isAtBottom({ scrollTop: 600, viewportHeight: 360, rowHeight: 10, count: 100 })).toBe(false);
    expect(isAtBottom({ scrollTop: 0, viewportHeight: 360, rowHeight: 10, count: 3 })).toBe(true);
  });

  it('compares ranges by value', () => {
    expect(sameRange({ start: 1, end: 2 }, { start: 1, end: 2 })).toBe(true);
    expect(sameRange({ start: 1, end: 2 }, { start: 1, end: 3 })).toBe(false);
  });
});
