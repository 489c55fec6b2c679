// From the queue page's query (URL) to the contract's filter and list params, and how
// a live change bears on the rows on screen.
import type { QueueChanges, QueueEntry, QueueFilter, QueueSelection, RecipientState } from '../../../engine/api/contract';
import type { QueueQuery } from '../../shell/routes';

export function queueFilter(query: QueueQuery): QueueFilter {
  const filter: QueueFilter = {};
  if (query.states.length) filter.states = [...query.states];
  if (query.stream) filter.stream = query.stream;
  if (query.domain.trim()) filter.domain = query.domain.trim();
  if (query.messageId.trim()) filter.messageId = query.messageId.trim();
  if (query.address.trim()) filter.address = query.address.trim();
  return filter;
}

/** A row that moved to a state outside the filter stays in place, marked, until the next refresh. */
export function isOutsideFilter(entry: QueueEntry, query: QueueQuery): boolean {
  return query.states.length > 0 && !query.states.includes(entry.state);
}

export type RowChange = QueueChanges['changes'][number];

/** The latest change per recipient in a batch (a recipient may move twice in 250 ms). */
export function latestChanges(changes: readonly RowChange[]): Map<number, RowChange> {
  const latest = new Map<number, RowChange>();
  for (const change of changes) {
    const previous = latest.get(change.recipientId);
    if (!previous || previous.at <= change.at) latest.set(change.recipientId, change);
  }
  return latest;
}

export function applyChange(entry: QueueEntry, change: RowChange): QueueEntry {
  return { ...entry, state: change.to, updatedAt: change.at, reason: change.reason ?? entry.reason };
}

/** New recipients that belong to this view (by stream; their state starts as queued). */
export function countArrivals(accepted: QueueChanges['accepted'], query: QueueQuery): number {
  if (query.domain || query.messageId || query.address) return 0;
  if (query.states.length && !query.states.includes('queued' satisfies RecipientState)) return 0;
  return accepted.filter((message) => !query.stream || message.stream === query.stream).reduce((sum, message) => sum + message.recipients, 0);
}

export type Selection =
  | { kind: 'none' }
  | { kind: 'ids'; ids: ReadonlySet<number> }
  /** Everything matching the filter, including rows never loaded. */
  | { kind: 'all' };

export const NO_SELECTION: Selection = { kind: 'none' };

export function toggleSelected(selection: Selection, id: number): Selection {
  const ids = new Set(selection.kind === 'ids' ? selection.ids : []);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return ids.size ? { kind: 'ids', ids } : NO_SELECTION;
}

export function isSelected(selection: Selection, id: number): boolean {
  return selection.kind === 'all' || (selection.kind === 'ids' && selection.ids.has(id));
}

/** What an action covers, in the contract's terms; null when nothing is selected. */
export function toQueueSelection(selection: Selection, query: QueueQuery): QueueSelection | null {
  switch (selection.kind) {
    case 'none':
      return null;
    case 'ids':
      return { recipientIds: [...selection.ids] };
    case 'all':
      return { filter: queueFilter(query) };
  }
}

export function selectedCount(selection: Selection, total: number | null): number | null {
  switch (selection.kind) {
    case 'none':
      return 0;
    case 'ids':
      return selection.ids.size;
    case 'all':
      return total;
  }
}
