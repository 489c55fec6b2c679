// Live and past SMTP conversations: sessions on the left (live as they open and close, or
// the searchable history), and on the right the selected session's lines as they arrive,
// or every session's lines when none is selected.
import { useCallback, useMemo, useState } from 'react';
import { PageHeader } from '../../components/page-header';
import { ErrorBanner } from '../../components/error-banner';
import { Tabs } from '../../components/tabs';
import { useDebounced, useLive, useNow } from '../../lib/hooks';
import { useKeysetList } from '../../lib/use-keyset-list';
import type { VirtualRange } from '../../lib/virtual-range';
import { useConsole } from '../../shell/console-context';
import { LiveTranscript } from './live-transcript';
import { SessionDetail } from './session-detail';
import { SessionFilters } from './session-filters';
import { SessionList } from './session-list';
import { EMPTY_SESSION_QUERY, matchesSessionQuery, toSessionFilter, type SessionQuery } from './session-query';

type ListTab = 'live' | 'history';

export function ConversationsView({ sessionId }: { sessionId: string | null }) {
  const { stores, client, navigate } = useConsole();
  const sessions = useLive(stores.sessions);
  const now = useNow();
  const [tab, setTab] = useState<ListTab>('live');
  const [query, setQuery] = useState<SessionQuery>(EMPTY_SESSION_QUERY);

  const live = useMemo(
    () => [...sessions.active, ...sessions.recent].filter((session) => matchesSessionQuery(session, query)),
    [sessions.active, sessions.recent, query],
  );
  const settledQuery = useDebounced(query);
  const historyFilter = tab === 'history' ? toSessionFilter(settledQuery) : null;
  const history = useKeysetList(historyFilter && JSON.stringify(historyFilter), (cursor) => client.call('sessions.list', {
    ...historyFilter, limit: 100, ...(cursor === null ? {} : { cursor }),
  }));
  const historyShown = useMemo(() => history.items.filter((session) => matchesSessionQuery(session, { ...settledQuery, peer: '', user: '' })), [history.items, settledQuery]);

  const select = useCallback((id: string) => navigate({ page: 'conversations', sessionId: id }), [navigate]);
  const onHistoryRange = useCallback((range: VirtualRange) => {
    if (range.end >= historyShown.length - 10) history.loadMore();
  }, [history, historyShown.length]);

  return (
    <div className="page page-fill" data-testid="conversations-page">
      <PageHeader title="Conversations" subtitle="SMTP sessions in and out, line by line as they happen." />
      <div className="split">
        <aside className="split-list" aria-label="Sessions">
          <button type="button" className={`all-lines${sessionId === null ? ' is-selected' : ''}`} onClick={() => navigate({ page: 'conversations', sessionId: null })} data-testid="all-lines">
            All live lines
          </button>
          <Tabs<ListTab>
            tabs={[{ key: 'live', label: `Live · ${sessions.active.length} connected` }, { key: 'history', label: 'History' }]}
            selected={tab}
            onSelect={setTab}
            label="Which sessions"
            testId="session-tabs"
          >
            <SessionFilters query={query} onChange={setQuery} isExact={tab === 'history'} />
            {tab === 'live' ? (
              <>
                <ErrorBanner error={sessions.error} />
                {live.length === 0 ? <p className="empty" data-testid="live-sessions-empty">No session matches yet; they appear here as clients connect.</p> : null}
                <SessionList sessions={live} selectedId={sessionId} onSelect={select} now={now} label="Live and recent sessions" testId="live-sessions" />
              </>
            ) : (
              <>
                <ErrorBanner error={history.error} />
                {history.isComplete && historyShown.length === 0 ? <p className="empty">No stored session matches.</p> : null}
                <SessionList sessions={historyShown} selectedId={sessionId} onSelect={select} now={now} label="Past sessions" testId="history-sessions" onRangeChange={onHistoryRange} />
                {history.isLoading ? <p className="muted small">Loading…</p> : null}
              </>
            )}
          </Tabs>
        </aside>
        <section className="split-detail" aria-label={sessionId ? 'Conversation' : 'Every conversation'}>
          {sessionId ? <SessionDetail key={sessionId} sessionId={sessionId} now={now} /> : <LiveTranscript sessionId={null} onSelectSession={select} />}
        </section>
      </div>
    </div>
  );
}
