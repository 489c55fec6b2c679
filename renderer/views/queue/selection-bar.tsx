// What is selected and what can be done to it: the row count or "everything matching",
// the offer to widen to the whole filter, and the five actions.
import type { QueueAction } from '../../../engine/api/contract';
import { formatCount } from '../../lib/format';
import { ACTION_LABELS, plural } from '../../lib/labels';
import { selectedCount, type Selection } from '../../stores/queue/queue-query';

const ACTIONS: readonly QueueAction[] = ['retryNow', 'hold', 'release', 'bounce', 'delete'];

interface SelectionBarProps {
  selection: Selection;
  total: number | null;
  onSelectAll(): void;
  onClear(): void;
  onAction(action: QueueAction): void;
}

export function SelectionBar({ selection, total, onSelectAll, onClear, onAction }: SelectionBarProps) {
  const count = selectedCount(selection, total);
  const hasSelection = selection.kind !== 'none';
  return (
    <div className="selection-bar" role="toolbar" aria-label="Queue actions" data-testid="selection-bar">
      <span className="selection-count" data-testid="selection-count" aria-live="polite">
        {selection.kind === 'all'
          ? `All ${total === null ? '' : `${formatCount(total)} `}recipients matching the filter`
          : hasSelection ? `${plural(count ?? 0, 'recipient')} selected` : 'Select rows, or everything matching the filter'}
      </span>
      {selection.kind !== 'all' && total !== null && total > 0 ? (
        <button type="button" className="link-button" onClick={onSelectAll} data-testid="select-all-matching">Select all {formatCount(total)} matching</button>
      ) : null}
      {hasSelection ? <button type="button" className="link-button" onClick={onClear} data-testid="clear-selection">Clear</button> : null}
      <span className="toolbar-end">
        {ACTIONS.map((action) => (
          <button
            key={action}
            type="button"
            className={`button button-small${ACTION_LABELS[action].isDestructive ? ' button-danger-outline' : ''}`}
            disabled={!hasSelection}
            onClick={() => onAction(action)}
            data-testid={`queue-action-${action}`}
          >
            {ACTION_LABELS[action].verb}
          </button>
        ))}
      </span>
    </div>
  );
}
