// One queue view: keyset pages fetched as the operator scrolls (page-window.ts), the
// exact total, the selection, and live updates from 'queue.changes': operator actions
// and overflowing batches refetch what is on screen, single changes patch rows in place.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient, ApiError, QueueEntry, QueueChanges } from '../../../engine/api/contract';
import { toApiCallError } from '../../api/api-errors';
import type { QueueQuery } from '../../shell/routes';
import { emptyWindow, evictOutside, markStale, pagesToFetch, patchRows, withPage, type PageWindow } from './page-window';
import { applyChange, countArrivals, latestChanges, NO_SELECTION, queueFilter, type Selection } from './queue-query';

/** Rows per queue.list call: a few screens, well under the contract's 500. */
export const PAGE_SIZE = 200;
/** 100,000 rows reachable by scrolling; the footer says how to reach the others. */
export const MAX_PAGES = 500;
/** Pages kept loaded either side of the viewport. */
const KEEP_PAGES_AROUND = 4;

export interface QueueViewState {
  window: PageWindow<QueueEntry>;
  /** Exact count of the filter; null when the engine would not count it. */
  total: number | null;
  isFirstPageLoaded: boolean;
  error: ApiError | null;
  selection: Selection;
  /** Recipients accepted since the view loaded that would appear in it. */
  arrivals: number;
}

export interface QueueViewStore {
  readonly store: StoreApi<QueueViewState>;
  /** The rows on screen changed (scroll, resize): fetches what they need, lets go of far pages. */
  showRows(start: number, end: number): void;
  /** Starts over from the first page (after a filter change or the operator's refresh). */
  refresh(): void;
  setSelection(selection: Selection): void;
  /** Subscribes to 'queue.changes'; returns the stop function. */
  start(): () => void;
}

export function createQueueStore(client: ApiClient, query: QueueQuery): QueueViewStore {
  const initial = (): QueueViewState => ({
    window: emptyWindow<QueueEntry>(PAGE_SIZE, MAX_PAGES), total: null, isFirstPageLoaded: false, error: null, selection: NO_SELECTION, arrivals: 0,
  });
  const store = createStore<QueueViewState>(initial);
  const filter = queueFilter(query);
  const inFlight = new Set<string>();
  let shown = { start: 0, end: 0 };
  // Answers to requests made before a refresh belong to a list that no longer exists.
  let generation = 0;

  const fetchPage = (page: number): void => {
    const slot = store.getState().window.slots[page];
    if (!slot) return;
    const key = `${page}:${slot.cursor ?? ''}:${slot.isStale}`;
    if (inFlight.has(key)) return;
    inFlight.add(key);
    const asked = generation;
    const params = { ...filter, sort: query.sort, order: query.order, limit: PAGE_SIZE, ...(slot.cursor === null ? {} : { cursor: slot.cursor }) };
    client.call('queue.list', params).then(
      (result) => {
        inFlight.delete(key);
        if (asked !== generation) return;
        store.setState((state) => ({
          window: withPage(state.window, page, slot.cursor, result.items, result.nextCursor),
          total: result.total,
          isFirstPageLoaded: true,
          error: null,
        }));
        // The page may have revealed that the next one is needed too (short screens, fast scrolls).
        ensureShown();
      },
      (reason: unknown) => {
        inFlight.delete(key);
        if (asked === generation) store.setState({ error: toApiCallError(reason) });
      },
    );
  };

  const ensureShown = (): void => {
    const { window } = store.getState();
    for (const page of pagesToFetch(window, shown.start, shown.end)) fetchPage(page);
  };

  const showRows = (start: number, end: number): void => {
    shown = { start, end };
    const { window } = store.getState();
    const evicted = evictOutside(window, Math.floor(start / PAGE_SIZE) - KEEP_PAGES_AROUND, Math.floor(end / PAGE_SIZE) + KEEP_PAGES_AROUND);
    if (evicted !== window) store.setState({ window: evicted });
    ensureShown();
  };

  const refetchShown = (): void => {
    store.setState((state) => ({ window: markStale(state.window) }));
    ensureShown();
  };

  const applyChanges = (event: QueueChanges): void => {
    if (event.isTruncated || event.acted.length) {
      store.setState((state) => ({ arrivals: 0, selection: state.selection.kind === 'all' ? NO_SELECTION : state.selection }));
      refetchShown();
      return;
    }
    const arrivals = countArrivals(event.accepted, query);
    const latest = latestChanges(event.changes);
    if (!latest.size && !arrivals) return;
    store.setState((state) => ({
      window: latest.size ? patchRows(state.window, (row) => {
        const change = latest.get(row.recipientId);
        return change ? applyChange(row, change) : null;
      }) : state.window,
      arrivals: state.arrivals + arrivals,
    }));
  };

  return {
    store,
    showRows,
    refresh() {
      generation++;
      inFlight.clear();
      store.setState({ ...initial(), selection: store.getState().selection.kind === 'ids' ? store.getState().selection : NO_SELECTION });
      ensureShown();
    },
    setSelection: (selection) => store.setState({ selection }),
    start() {
      ensureShown();
      return client.subscribe('queue.changes', {}, {
        // The snapshot is the counts: after a reconnect, rows on screen may be out of date.
        onSnapshot: () => {
          if (store.getState().isFirstPageLoaded) refetchShown();
        },
        onEvent: applyChanges,
        onError: (error) => store.setState({ error }),
      });
    },
  };
}
