// Keyset pages as a window: rows map to pages, missing pages are asked for as they come
// into view, far pages let go of their rows but keep their cursors, and a page whose end
// moved drops the pages after it.
import { describe, expect, it } from 'vitest';
import { emptyWindow, evictOutside, isCapped, isComplete, markStale, pagesToFetch, patchRows, rowAt, rowCount, withPage } from '../../../renderer/stores/queue/page-window';

const page = (from: number, size: number) => Array.from({ length: size }, (_, i) => from + i);

describe('page window', () => {
  it('starts with one page to fetch and no rows', () => {
    const window = emptyWindow<number>(10, 100);
    expect(rowCount(window)).toBe(0);
    expect(pagesToFetch(window, 0, 0)).toEqual([0]);
    expect(isComplete(window)).toBe(false);
  });

  it('grows by a page at a time, asking for the next one as the range reaches the end', () => {
    let window = withPage(emptyWindow<number>(10, 100), 0, null, page(0, 10), 'c1');
    expect(rowCount(window)).toBe(10);
    expect(window.slots).toHaveLength(2);
    expect(pagesToFetch(window, 0, 10)).toEqual([1]);
    window = withPage(window, 1, 'c1', page(10, 10), 'c2');
    expect(rowAt(window, 15)).toBe(15);
    expect(rowCount(window)).toBe(20);
    window = withPage(window, 2, 'c2', page(20, 4), null);
    expect(rowCount(window)).toBe(24);
    expect(isComplete(window)).toBe(true);
    expect(pagesToFetch(window, 0, 24)).toEqual([]);
  });

  it('ignores an answer for a cursor the slot no longer has', () => {
    const window = withPage(emptyWindow<number>(10, 100), 0, null, page(0, 10), 'c1');
    expect(withPage(window, 1, 'stale', page(10, 10), 'c2')).toBe(window);
    expect(withPage(window, 7, 'c7', page(70, 10), 'c8')).toBe(window);
  });

  it('evicts rows far from the viewport but refetches them by cursor when they return', () => {
    let window = emptyWindow<number>(10, 100);
    for (let i = 0; i < 6; i++) window = withPage(window, i, i === 0 ? null : `c${i}`, page(i * 10, 10), `c${i + 1}`);
    window = evictOutside(window, 4, 5);
    expect(rowAt(window, 5)).toBeNull();
    expect(rowAt(window, 45)).toBe(45);
    expect(rowCount(window)).toBe(60);
    expect(pagesToFetch(window, 5, 25)).toEqual([0, 1, 2]);
    expect(window.slots[2]!.cursor).toBe('c2');
  });

  it('drops the pages after a refetched page whose end moved', () => {
    let window = emptyWindow<number>(10, 100);
    for (let i = 0; i < 3; i++) window = withPage(window, i, i === 0 ? null : `c${i}`, page(i * 10, 10), `c${i + 1}`);
    window = markStale(window);
    expect(pagesToFetch(window, 0, 10)).toEqual([0, 1]);
    // Rows were deleted: page 0 now ends elsewhere.
    window = withPage(window, 0, null, page(3, 10), 'c1-moved');
    expect(window.slots.map((slot) => slot.cursor)).toEqual([null, 'c1-moved']);
    expect(window.slots[0]!.isStale).toBe(false);
  });

  it('keeps the following pages when a refetch ends where it did', () => {
    let window = emptyWindow<number>(10, 100);
    for (let i = 0; i < 3; i++) window = withPage(window, i, i === 0 ? null : `c${i}`, page(i * 10, 10), `c${i + 1}`);
    window = withPage(markStale(window), 0, null, page(0, 10), 'c1');
    expect(window.slots).toHaveLength(4);
    expect(window.slots[1]!.isStale).toBe(true);
  });

  it('stops at maxPages and says so', () => {
    let window = emptyWindow<number>(10, 2);
    window = withPage(window, 0, null, page(0, 10), 'c1');
    window = withPage(window, 1, 'c1', page(10, 10), 'c2');
    expect(window.slots).toHaveLength(2);
    expect(isCapped(window)).toBe(true);
    expect(isComplete(window)).toBe(false);
  });

  it('patches only the pages holding a changed row', () => {
    let window = withPage(emptyWindow<number>(10, 100), 0, null, page(0, 10), 'c1');
    window = withPage(window, 1, 'c1', page(10, 10), null);
    const patched = patchRows(window, (row) => (row === 12 ? -12 : null));
    expect(rowAt(patched, 12)).toBe(-12);
    expect(patched.slots[0]).toBe(window.slots[0]);
    expect(patchRows(window, () => null)).toBe(window);
  });
});
