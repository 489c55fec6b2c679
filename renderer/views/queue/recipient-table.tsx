// The queue's rows as a virtual grid: a fixed header, then only the rows in view. Rows
// come from the store's page window (placeholders while a page loads); scrolling tells
// the store which rows show. ↑/↓ move, Space selects, Enter opens the message.
import { memo, useCallback, useState, type KeyboardEvent } from 'react';
import type { QueueEntry } from '../../../engine/api/contract';
import { StateBadge } from '../../components/state-badge';
import { VirtualList } from '../../components/virtual-list';
import { formatCount, formatDateTime, formatRelative } from '../../lib/format';
import type { VirtualRange } from '../../lib/virtual-range';
import { formatRoute } from '../../shell/routes';
import { isCapped, isComplete, rowAt, rowCount, type PageWindow } from '../../stores/queue/page-window';
import { isSelected, type Selection } from '../../stores/queue/queue-query';

export const QUEUE_ROW_HEIGHT = 36;

interface RecipientTableProps {
  window: PageWindow<QueueEntry>;
  total: number | null;
  selection: Selection;
  onToggle(recipientId: number): void;
  onOpen(messageId: string): void;
  onRangeChange(range: VirtualRange): void;
  /** Whether a row left the filter since it loaded (its state changed under the operator's eyes). */
  isOutside(entry: QueueEntry): boolean;
  now: number;
}

export function RecipientTable({ window, total, selection, onToggle, onOpen, onRangeChange, isOutside, now }: RecipientTableProps) {
  const [active, setActive] = useState(0);
  const rows = rowCount(window);
  const hasFooter = !isComplete(window);
  const count = rows + (hasFooter ? 1 : 0);

  const renderRow = useCallback((index: number) => {
    if (index === rows) return <FooterRow isCapped={isCapped(window)} shown={rows} total={total} />;
    const entry = rowAt(window, index);
    if (!entry) return <div className="qrow qrow-placeholder" role="row" aria-rowindex={index + 2}><span className="muted">Loading…</span></div>;
    return (
      <RecipientRow
        entry={entry}
        index={index}
        isActive={index === active}
        isSelected={isSelected(selection, entry.recipientId)}
        isOutside={isOutside(entry)}
        onToggle={onToggle}
        now={now}
      />
    );
  }, [window, rows, total, active, selection, isOutside, onToggle, now]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = 10;
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -Infinity, End: Infinity };
    if (event.key in moves) {
      event.preventDefault();
      setActive((current) => Math.max(0, Math.min(rows - 1, current + moves[event.key]!)));
      return;
    }
    const entry = rowAt(window, active);
    if (!entry) return;
    if (event.key === ' ') {
      event.preventDefault();
      onToggle(entry.recipientId);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      onOpen(entry.messageId);
    }
  };

  return (
    <div className="qtable" role="grid" aria-label="Recipients" aria-rowcount={total === null ? -1 : total + 1} aria-multiselectable="true" data-testid="queue-table">
      <div className="qrow qrow-header" role="row" aria-rowindex={1}>
        <span role="columnheader" className="qcell-check"><span className="sr-only">Selected</span></span>
        <span role="columnheader">Recipient</span>
        <span role="columnheader">State</span>
        <span role="columnheader" className="numeric">Tries</span>
        <span role="columnheader">Next attempt</span>
        <span role="columnheader">Queued</span>
        <span role="columnheader">Last reply or reason</span>
      </div>
      <VirtualList
        count={count}
        rowHeight={QUEUE_ROW_HEIGHT}
        renderRow={renderRow}
        onRangeChange={onRangeChange}
        revealIndex={active}
        label="Recipient rows"
        testId="queue-rows"
        role="rowgroup"
        className="qbody"
        onKeyDown={onKeyDown}
      />
    </div>
  );
}

interface RecipientRowProps {
  entry: QueueEntry;
  index: number;
  isActive: boolean;
  isSelected: boolean;
  isOutside: boolean;
  onToggle(recipientId: number): void;
  now: number;
}

const RecipientRow = memo(function RecipientRow({ entry, index, isActive, isSelected, isOutside, onToggle, now }: RecipientRowProps) {
  const isWaiting = entry.state === 'queued' || entry.state === 'deferred';
  return (
    <div
      className={`qrow${isActive ? ' is-active' : ''}${isSelected ? ' is-selected' : ''}${isOutside ? ' is-outside' : ''}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={isSelected}
      data-testid={`queue-row-${entry.recipientId}`}
      data-state={entry.state}
    >
      <span role="gridcell" className="qcell-check">
        <input type="checkbox" checked={isSelected} onChange={() => onToggle(entry.recipientId)} aria-label={`Select ${entry.address}`} tabIndex={-1} data-testid={`queue-select-${entry.recipientId}`} />
      </span>
      <span role="gridcell" className="qcell-address">
        <a className="mono" href={formatRoute({ page: 'message', id: entry.messageId })} tabIndex={-1} title={`${entry.address} · message ${entry.messageId}`}>{entry.address}</a>
        <span className="muted small truncate">{entry.subject ?? '(no subject)'}</span>
      </span>
      <span role="gridcell"><StateBadge state={entry.state} testId={`queue-state-${entry.recipientId}`} /></span>
      <span role="gridcell" className="numeric">{formatCount(entry.attempts)}</span>
      <span role="gridcell" className="mono small" title={formatDateTime(entry.nextAttemptAt)}>{isWaiting ? formatRelative(entry.nextAttemptAt, now) : '—'}</span>
      <span role="gridcell" className="mono small" title={formatDateTime(entry.createdAt)}>{formatRelative(entry.createdAt, now)}</span>
      <span role="gridcell" className="truncate small" title={entry.lastReply ?? entry.reason ?? undefined}>
        {entry.lastReply ? <code className="reply">{entry.lastReply}</code> : <span className="muted">{entry.reason ?? ''}</span>}
      </span>
    </div>
  );
});

function FooterRow({ isCapped, shown, total }: { isCapped: boolean; shown: number; total: number | null }) {
  return (
    <div className="qrow qrow-footer" role="row" data-testid="queue-footer">
      <span role="gridcell" className="muted">
        {isCapped
          ? `Showing the first ${formatCount(shown)}${total === null ? '' : ` of ${formatCount(total)}`} in this order. Narrow the filter or reverse the sort to reach the rest.`
          : 'Loading more…'}
      </span>
    </div>
  );
}
