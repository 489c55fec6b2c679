// Keyset pages of a large list, held as a window: every page the operator has reached
// keeps its cursor, only pages near the viewport keep their rows. Invariant: every page
// but the last holds exactly `pageSize` rows, so row i lives in page floor(i / pageSize).
// Pure functions over immutable values, so the queue store and its tests share them.

export interface PageSlot<T> {
  /** The cursor that fetches this page; null for the first. */
  cursor: string | null;
  /** Null before the first load and after eviction. */
  items: readonly T[] | null;
  /** The server's nextCursor once loaded: null on the last page. */
  next: string | null | undefined;
  /** Shown, but to be fetched again (an operator action moved rows). */
  isStale: boolean;
}

export interface PageWindow<T> {
  pageSize: number;
  /** Pages reachable by scrolling; beyond, the operator narrows the filter or reverses the sort. */
  maxPages: number;
  slots: readonly PageSlot<T>[];
}

export function emptyWindow<T>(pageSize: number, maxPages: number): PageWindow<T> {
  return { pageSize, maxPages, slots: [{ cursor: null, items: null, next: undefined, isStale: false }] };
}

/** Rows the list can show: full pages for every slot but the last, then what the last holds. */
export function rowCount<T>(window: PageWindow<T>): number {
  const last = window.slots.at(-1);
  const full = (window.slots.length - 1) * window.pageSize;
  return full + (last?.items?.length ?? 0);
}

/** The last page is loaded and the server said there is nothing after it. */
export function isComplete<T>(window: PageWindow<T>): boolean {
  const last = window.slots.at(-1);
  return last !== undefined && last.items !== null && last.next === null;
}

/** More rows exist but lie beyond `maxPages`. */
export function isCapped<T>(window: PageWindow<T>): boolean {
  const last = window.slots.at(-1);
  return window.slots.length >= window.maxPages && last?.next !== null && last?.next !== undefined;
}

export function rowAt<T>(window: PageWindow<T>, index: number): T | null {
  const slot = window.slots[Math.floor(index / window.pageSize)];
  return slot?.items?.[index % window.pageSize] ?? null;
}

/**
 * Pages to fetch so rows [start, end) can show: missing or stale pages in range, and the
 * next page once the range comes within `lookahead` rows of the end of what is known
 * (half a page by default: early enough to arrive before it is needed, late enough not
 * to ask the engine for pages nobody scrolls to). In ascending order.
 */
export function pagesToFetch<T>(window: PageWindow<T>, start: number, end: number, lookahead = Math.floor(window.pageSize / 2)): number[] {
  const { pageSize, slots } = window;
  const first = Math.floor(Math.max(0, start) / pageSize);
  const last = Math.min(slots.length - 1, Math.floor((Math.max(start, end - 1) + lookahead) / pageSize));
  const wanted: number[] = [];
  for (let page = first; page <= last; page++) {
    const slot = slots[page];
    if (slot && (slot.items === null || slot.isStale)) wanted.push(page);
  }
  return wanted;
}

/**
 * Applies a fetched page. Ignored when the slot no longer asks for that cursor (a newer
 * refresh replaced it). When the page's end moved (rows came or went), later pages are
 * dropped: their cursors no longer follow on from it.
 */
export function withPage<T>(window: PageWindow<T>, page: number, cursor: string | null, items: readonly T[], next: string | null): PageWindow<T> {
  const slot = window.slots[page];
  if (!slot || slot.cursor !== cursor) return window;
  const following = window.slots[page + 1];
  const keepsFollowing = following !== undefined && next !== null && following.cursor === next && items.length === window.pageSize;
  const slots = keepsFollowing ? [...window.slots] : window.slots.slice(0, page + 1);
  slots[page] = { cursor, items, next, isStale: false };
  if (!keepsFollowing && next !== null && items.length === window.pageSize && slots.length < window.maxPages) {
    slots.push({ cursor: next, items: null, next: undefined, isStale: false });
  }
  return { ...window, slots };
}

/** Lets go of rows of pages far from [firstPage, lastPage]; their cursors stay. */
export function evictOutside<T>(window: PageWindow<T>, firstPage: number, lastPage: number): PageWindow<T> {
  let changed = false;
  const slots = window.slots.map((slot, page) => {
    if (slot.items === null || (page >= firstPage && page <= lastPage) || page === window.slots.length - 1) return slot;
    changed = true;
    return { ...slot, items: null, isStale: false };
  });
  return changed ? { ...window, slots } : window;
}

/** After an operator action: everything shown may have moved, so every page is refetched as it shows. */
export function markStale<T>(window: PageWindow<T>): PageWindow<T> {
  return { ...window, slots: window.slots.map((slot) => (slot.items === null ? slot : { ...slot, isStale: true })) };
}

/** Applies `patch` to loaded rows it recognises; pages without such a row keep their identity. */
export function patchRows<T>(window: PageWindow<T>, patch: (row: T) => T | null): PageWindow<T> {
  let changed = false;
  const slots = window.slots.map((slot) => {
    if (!slot.items) return slot;
    let items: T[] | null = null;
    slot.items.forEach((row, i) => {
      const patched = patch(row);
      if (patched === null) return;
      items ??= [...slot.items!];
      items[i] = patched;
    });
    if (!items) return slot;
    changed = true;
    return { ...slot, items };
  });
  return changed ? { ...window, slots } : window;
}
