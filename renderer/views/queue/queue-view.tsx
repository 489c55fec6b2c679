// The queue: stream tabs, filters, the qshape grid (a cell filters the table), the
// virtual recipient table over keyset pages, selection and actions with a counted
// confirmation. The URL holds the query, so a view can be shared or returned to.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { QueueAction, QueueEntry, QueueSelection, Stream } from '../../../engine/api/contract';
import { ErrorBanner } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { Tabs } from '../../components/tabs';
import { formatCount } from '../../lib/format';
import { useNow } from '../../lib/hooks';
import { plural, STREAM_LABELS } from '../../lib/labels';
import { useCall } from '../../lib/use-call';
import type { VirtualRange } from '../../lib/virtual-range';
import { useConsole } from '../../shell/console-context';
import type { QueueQuery } from '../../shell/routes';
import { isOutsideFilter, NO_SELECTION, toggleSelected, toQueueSelection } from '../../stores/queue/queue-query';
import { createQueueStore } from '../../stores/queue/queue-store';
import { LARGE_QUEUE_RECIPIENTS, waitingRecipients } from '../../stores/status-store';
import { QshapeGrid } from './qshape-grid';
import { QueueActionDialog } from './queue-action-dialog';
import { QueueFilters } from './queue-filters';
import { RecipientTable } from './recipient-table';
import { SelectionBar } from './selection-bar';

type StreamTab = 'all' | Stream;

const SHAPE_STATES = ['queued', 'deferred', 'held'] as const;
const SHAPE_REFRESH_MS = 30_000;

export function QueueView({ query: routeQuery }: { query: QueueQuery }) {
  const { client, navigate, stores } = useConsole();
  // The route gives a new object on every render; the view follows its value.
  const queryKey = JSON.stringify(routeQuery);
  const query = useMemo(() => JSON.parse(queryKey) as QueueQuery, [queryKey]);
  // One store per query: a filter change starts a new list from the first page.
  const queue = useMemo(() => createQueueStore(client, query), [client, query]);
  useEffect(() => queue.start(), [queue]);
  const state = useStore(queue.store);
  const now = useNow(5000);
  // The selection is frozen when the action is chosen: the confirmation counts exactly that.
  const [pending, setPending] = useState<{ action: QueueAction; selection: QueueSelection } | null>(null);

  const waiting = useStore(stores.status.store, (current) => (current.status ? waitingRecipients(current.status) : null));
  // The shape reads every waiting row: on a very large queue it is computed on request.
  const [isShapeChosen, setShapeChosen] = useState<boolean | null>(null);
  const isShapeOpen = isShapeChosen ?? (waiting !== null && waiting <= LARGE_QUEUE_RECIPIENTS);
  const shapeStates = SHAPE_STATES.filter((s) => query.states.length === 0 || query.states.includes(s));
  const shape = useCall(client, 'queue.shape', isShapeOpen && shapeStates.length ? { ...(query.stream ? { stream: query.stream } : {}), states: shapeStates, limit: 25 } : null, { refreshMs: SHAPE_REFRESH_MS });

  const setQuery = useCallback((next: QueueQuery, options?: { replace?: boolean }) => navigate({ page: 'queue', query: next }, options), [navigate]);
  const onRangeChange = useCallback((range: VirtualRange) => queue.showRows(range.start, range.end), [queue]);
  const onToggle = useCallback((id: number) => queue.setSelection(toggleSelected(queue.store.getState().selection, id)), [queue]);
  const onOpen = useCallback((messageId: string) => navigate({ page: 'message', id: messageId }), [navigate]);
  const isOutside = useCallback((entry: QueueEntry) => isOutsideFilter(entry, query), [query]);
  const chooseAction = useCallback((action: QueueAction) => {
    const selection = toQueueSelection(queue.store.getState().selection, query);
    if (selection) setPending({ action, selection });
  }, [queue, query]);

  return (
    <div className="page page-fill" data-testid="queue-page">
      <PageHeader
        title="Queue"
        subtitle={state.total === null ? 'Recipients by stream, state, destination and age.' : <span data-testid="queue-total">{plural(state.total, 'recipient')} match</span>}
        actions={<button type="button" className="button" onClick={() => queue.refresh()} data-testid="queue-refresh">Refresh</button>}
      />
      <Tabs<StreamTab>
        tabs={[{ key: 'all', label: 'All streams' }, { key: 'transactional', label: STREAM_LABELS.transactional }, { key: 'bulk', label: STREAM_LABELS.bulk }]}
        selected={(query.stream ?? 'all') as StreamTab}
        onSelect={(tab) => setQuery({ ...query, stream: tab === 'all' ? null : tab })}
        label="Stream"
        testId="stream-tabs"
      >
        <QueueFilters query={query} onChange={setQuery} />
      </Tabs>
      <details className="panel qshape-panel" open={isShapeOpen} onToggle={(event) => setShapeChosen(event.currentTarget.open)} data-testid="qshape-panel">
        <summary className="panel-header">
          <span className="panel-title">Shape by destination and age</span>
          <span className="panel-description">
            {shapeStates.length === 0 ? 'covers queued, deferred and held recipients' : `${shape.data ? `${formatCount(shape.data.total)} waiting · ` : ''}minutes since queued · a number filters the table`}
          </span>
        </summary>
        <ErrorBanner error={shape.error} />
        {shape.data ? <QshapeGrid shape={shape.data} selectedDomain={query.domain} onSelectDomain={(domain) => setQuery({ ...query, domain })} /> : null}
      </details>
      <ErrorBanner error={state.error} />
      <SelectionBar
        selection={state.selection}
        total={state.total}
        onSelectAll={() => queue.setSelection({ kind: 'all' })}
        onClear={() => queue.setSelection(NO_SELECTION)}
        onAction={chooseAction}
      />
      {state.arrivals > 0 ? (
        <button type="button" className="banner banner-info banner-button" onClick={() => queue.refresh()} data-testid="queue-arrivals">
          {plural(state.arrivals, 'new recipient')} arrived since this list loaded · Refresh
        </button>
      ) : null}
      <Panel title="Recipients" testId="queue-table-panel" isFill>
        {state.isFirstPageLoaded && state.window.slots[0]?.items?.length === 0 ? <p className="empty" data-testid="queue-empty">No recipient matches these filters.</p> : null}
        <RecipientTable window={state.window} total={state.total} selection={state.selection} onToggle={onToggle} onOpen={onOpen} onRangeChange={onRangeChange} isOutside={isOutside} now={now} />
      </Panel>
      {pending ? <QueueActionDialog action={pending.action} selection={pending.selection} onClose={() => setPending(null)} /> : null}
    </div>
  );
}
