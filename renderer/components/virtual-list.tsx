// A fixed-row-height virtual list: only the rows in (and just around) the viewport are in
// the DOM, whatever `count` is. Scrolling re-renders only when the visible range changes;
// `follow` keeps the end in view as rows arrive (a live transcript).
import { useCallback, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { isAtBottom, sameRange, scrollTopToReveal, visibleRange, type VirtualRange } from '../lib/virtual-range';

interface VirtualListProps {
  count: number;
  rowHeight: number;
  renderRow(index: number): ReactNode;
  /** Rows rendered beyond each edge of the viewport. */
  overscan?: number;
  onRangeChange?(range: VirtualRange): void;
  follow?: boolean;
  /** Whether the viewport reached (true) or left (false) the end, by the operator's scrolling. */
  onBottomChange?(isAtBottom: boolean): void;
  /** Brought into view whenever it changes (keyboard navigation, step-through). */
  revealIndex?: number | null;
  /** Changes when rows changed without `count` changing. */
  version?: number;
  className?: string;
  label: string;
  testId: string;
  role?: 'list' | 'rowgroup';
  onKeyDown?(event: KeyboardEvent<HTMLDivElement>): void;
}

export function VirtualList(props: VirtualListProps) {
  const { count, rowHeight, renderRow, overscan = 8, onRangeChange, follow = false, onBottomChange, revealIndex = null } = props;
  const ref = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(0);
  const [range, setRange] = useState<VirtualRange>({ start: 0, end: 0 });
  const wasAtBottom = useRef(true);

  const measure = useCallback((): VirtualRange | null => {
    const element = ref.current;
    if (!element) return null;
    return visibleRange({ scrollTop: element.scrollTop, viewportHeight: element.clientHeight, rowHeight, count }, overscan);
  }, [rowHeight, count, overscan]);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    setHeight(element.clientHeight);
    return () => observer.disconnect();
  }, []);

  // New rows, a new size or follow mode: pin to the end first, then work out the range.
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    if (follow) element.scrollTop = Math.max(0, count * rowHeight - element.clientHeight);
    const next = measure();
    if (next) setRange((current) => (sameRange(current, next) ? current : next));
  }, [follow, count, rowHeight, height, measure, props.version]);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || revealIndex === null || revealIndex < 0) return;
    const top = scrollTopToReveal(revealIndex, { scrollTop: element.scrollTop, viewportHeight: element.clientHeight, rowHeight });
    if (top !== null) element.scrollTop = top;
  }, [revealIndex, rowHeight]);

  useLayoutEffect(() => {
    onRangeChange?.(range);
  }, [range, onRangeChange]);

  const onScroll = () => {
    const element = ref.current;
    if (!element) return;
    const next = measure();
    if (next) setRange((current) => (sameRange(current, next) ? current : next));
    const atBottom = isAtBottom({ scrollTop: element.scrollTop, viewportHeight: element.clientHeight, rowHeight, count });
    if (atBottom !== wasAtBottom.current) {
      wasAtBottom.current = atBottom;
      onBottomChange?.(atBottom);
    }
  };

  const rows: ReactNode[] = [];
  for (let index = range.start; index < Math.min(range.end, count); index++) {
    rows.push(
      <div key={index} className="vlist-row" style={{ top: index * rowHeight, height: rowHeight }} role={props.role === 'rowgroup' ? undefined : 'listitem'} data-index={index}>
        {renderRow(index)}
      </div>,
    );
  }
  return (
    <div
      ref={ref}
      className={`vlist${props.className ? ` ${props.className}` : ''}`}
      onScroll={onScroll}
      tabIndex={0}
      aria-label={props.label}
      data-testid={props.testId}
      data-count={count}
      onKeyDown={props.onKeyDown}
    >
      <div className="vlist-spacer" style={{ height: count * rowHeight }} role={props.role ?? 'list'}>
        {rows}
      </div>
    </div>
  );
}
