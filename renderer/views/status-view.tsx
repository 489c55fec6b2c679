// The first live screen: engine identity and uptime, headline counters, listeners, queue
// counts and SMTP sessions, all updating from the contract's live topics.
import type { Stream } from '../../engine/api/contract';
import { describeApiError, type ConnectionState } from '../api/index';
import { ListenersTable } from '../components/listeners-table';
import { Panel } from '../components/panel';
import { QueueTable, pendingCount } from '../components/queue-table';
import { SessionsTable } from '../components/sessions-table';
import { StatTile } from '../components/stat-tile';
import { formatClock, formatCount, formatDuration } from '../lib/format';
import { useLive, useNow } from '../lib/hooks';
import type { ConsoleStores } from '../stores/index';

interface StatusViewProps {
  stores: ConsoleStores;
  state: ConnectionState;
}

const STREAMS: Stream[] = ['transactional', 'bulk'];

export function StatusView({ stores, state }: StatusViewProps) {
  const { status, receivedAt, error } = useLive(stores.status);
  const sessions = useLive(stores.sessions);
  const now = useNow();

  if (!status) {
    return (
      <div className="page" data-testid="status-loading">
        {error ? <p className="banner banner-bad" role="alert">{describeApiError(error)}</p> : <p className="muted">Loading the relay status…</p>}
      </div>
    );
  }
  // The relay's clock may differ from this machine's; measure uptime on the relay's.
  const relayNow = now - ((receivedAt ?? status.takenAt) - status.takenAt);
  const listening = status.listeners.filter((listener) => listener.state === 'listening').length;
  const failed = status.listeners.filter((listener) => listener.state === 'failed').length;
  const pending = STREAMS.reduce((sum, stream) => sum + pendingCount(status.queue[stream]), 0);

  return (
    <div className="page" id="overview" data-testid="status-screen">
      <div className="page-header">
        <div>
          <h1 className="page-title">Overview</h1>
          <p className="page-subtitle">
            <span className="mono" data-testid="engine-host">{status.hostname}</span>
            <span aria-hidden="true"> · </span>
            <span data-testid="engine-version">Relaydesk {status.version}</span>
            <span aria-hidden="true"> · </span>
            <span>data in <span className="mono">{status.dataDir}</span></span>
          </p>
        </div>
      </div>

      {state.kind === 'reconnecting' ? (
        <p className="banner banner-warn" role="alert" data-testid="stale-banner">
          The connection to the relay dropped. These figures are from {formatClock(receivedAt ?? status.takenAt)}; reconnecting…
        </p>
      ) : null}
      {error ? <p className="banner banner-bad" role="alert">{describeApiError(error)}</p> : null}

      <dl className="stat-grid">
        <StatTile label="Uptime" value={formatDuration(relayNow - status.startedAt)} detail={`since ${formatClock(status.startedAt)}`} testId="engine-uptime" />
        <StatTile
          label="Listeners"
          value={`${listening} / ${status.listeners.length}`}
          detail={failed ? `${failed} failed` : 'listening'}
          tone={failed ? 'attention' : 'default'}
          testId="stat-listeners"
        />
        <StatTile
          label="Sessions now"
          value={formatCount(status.sessions.active)}
          detail={<><span data-testid="stat-sessions-total">{formatCount(status.sessions.sinceStart)}</span> since start</>}
          testId="stat-sessions-active"
        />
        <StatTile label="Accepted" value={formatCount(status.messages.acceptedSinceStart)} detail="messages since start" testId="stat-accepted" />
        <StatTile
          label="Refused"
          value={formatCount(status.messages.rejectedSinceStart)}
          detail="transactions since start"
          tone={status.messages.rejectedSinceStart ? 'attention' : 'default'}
          testId="stat-refused"
        />
        <StatTile label="In queue" value={formatCount(pending)} detail="recipients to deliver" testId="stat-pending" />
      </dl>

      <Panel title="SMTP listeners" description="Where applications submit mail." testId="listeners-panel">
        <ListenersTable listeners={status.listeners} />
      </Panel>

      <Panel title="Queue" description="Recipients in the store, per stream and state." testId="queue-panel">
        <QueueTable queue={status.queue} />
      </Panel>

      <Panel
        title="Live sessions"
        description="SMTP conversations connected now."
        aside={<span className="count-pill" data-testid="live-session-count">{formatCount(sessions.active.length)}</span>}
        testId="sessions-live"
      >
        <SessionsTable sessions={sessions.active} variant="live" now={now} label="Live SMTP sessions" emptyText="No SMTP session is connected." testId="live-sessions" />
      </Panel>

      <Panel title="Recently closed" description="Sessions that ended while this console was open." testId="sessions-recent">
        <SessionsTable sessions={sessions.recent} variant="closed" now={now} label="Recently closed SMTP sessions" emptyText="No session has ended since this console opened." testId="recent-sessions" />
      </Panel>
    </div>
  );
}
