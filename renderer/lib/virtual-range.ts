// The maths of a fixed-row-height virtual list: which rows a viewport shows, and where
// to scroll so a row is in view. Pure, so the list component stays a thin shell.

export interface VirtualRange {
  /** First row to render (inclusive). */
  start: number;
  /** Row after the last to render (exclusive). */
  end: number;
}

export interface ViewportGeometry {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  count: number;
}

/**
 * Rows intersecting the viewport, widened by `overscan` rows each side so a fast scroll
 * never shows a blank strip before the next frame renders.
 */
export function visibleRange({ scrollTop, viewportHeight, rowHeight, count }: ViewportGeometry, overscan: number): VirtualRange {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const top = Math.max(0, scrollTop);
  const first = Math.min(count - 1, Math.floor(top / rowHeight));
  const last = Math.min(count, Math.ceil((top + Math.max(0, viewportHeight)) / rowHeight));
  return { start: Math.max(0, first - overscan), end: Math.min(count, Math.max(last, first + 1) + overscan) };
}

/** The scrollTop that brings row `index` fully into view, or null when it already is. */
export function scrollTopToReveal(index: number, { scrollTop, viewportHeight, rowHeight }: Omit<ViewportGeometry, 'count'>): number | null {
  const rowTop = index * rowHeight;
  const rowBottom = rowTop + rowHeight;
  if (rowTop < scrollTop) return rowTop;
  if (rowBottom > scrollTop + viewportHeight) return Math.max(0, rowBottom - viewportHeight);
  return null;
}

/** Whether the viewport sits at the end of the list, within `slack` px (sub-pixel scroll positions). */
export function isAtBottom({ scrollTop, viewportHeight, rowHeight, count }: ViewportGeometry, slack = 4): boolean {
  return scrollTop + viewportHeight >= count * rowHeight - slack;
}

/** Two ranges render the same rows: the list skips a state update (and a render) then. */
export function sameRange(a: VirtualRange, b: VirtualRange): boolean {
  return a.start === b.start && a.end === b.end;
}
