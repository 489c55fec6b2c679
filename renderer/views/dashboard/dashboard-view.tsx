// The first page: the relay's identity and headline figures, the last hour per minute,
// queue depth by stream, delivery and bounce rates, top destinations, alerts, listeners.
import { AlertList } from '../../components/alert-list';
import { ErrorBanner } from '../../components/error-banner';
import { ListenersTable } from '../../components/listeners-table';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { QueueTable } from '../../components/queue-table';
import { StatTile } from '../../components/stat-tile';
import { useChartPalette } from '../../lib/chart-palette';
import { formatClock, formatCount, formatDuration, formatPercent } from '../../lib/format';
import { useLive, useNow } from '../../lib/hooks';
import { useCall } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';
import { hourRates } from '../../stores/stats-store';
import { waitingRecipients } from '../../stores/status-store';
import { MinuteChart } from './minute-chart';
import { QueueDepthChart } from './queue-depth-chart';
import { TopDestinations } from './top-destinations';

/** Top destinations change slowly; a quarter minute keeps them fresh without load. */
const TOP_DESTINATIONS_REFRESH_MS = 15_000;

export function DashboardView() {
  const { stores, client, theme } = useConsole();
  const { status, receivedAt, error } = useLive(stores.status);
  const stats = useLive(stores.stats);
  const { alerts } = useLive(stores.alerts);
  const top = useCall(client, 'stats.topDestinations', { limit: 10 }, { refreshMs: TOP_DESTINATIONS_REFRESH_MS });
  const palette = useChartPalette(theme);
  const now = useNow();

  if (!status) {
    return (
      <div className="page" data-testid="status-loading">
        {error ? <ErrorBanner error={error} /> : <p className="muted">Loading the relay status…</p>}
      </div>
    );
  }
  // The relay's clock may differ from this machine's; measure uptime on the relay's.
  const relayNow = now - ((receivedAt ?? status.takenAt) - status.takenAt);
  const listening = status.listeners.filter((listener) => listener.state === 'listening').length;
  const failed = status.listeners.filter((listener) => listener.state === 'failed').length;
  const pending = waitingRecipients(status);
  const rates = hourRates(stats.minutes);

  return (
    <div className="page" data-testid="status-screen">
      <PageHeader
        title="Dashboard"
        subtitle={
          <>
            <span className="mono" data-testid="engine-host">{status.hostname}</span>
            <span aria-hidden="true"> · </span>
            <span data-testid="engine-version">Relaydesk {status.version}</span>
            <span aria-hidden="true"> · </span>
            <span>data in <span className="mono">{status.dataDir}</span></span>
          </>
        }
      />
      <ErrorBanner error={error} />

      <dl className="stat-grid">
        <StatTile label="Uptime" value={formatDuration(relayNow - status.startedAt)} detail={`since ${formatClock(status.startedAt)}`} testId="engine-uptime" />
        <StatTile label="Listeners" value={`${listening} / ${status.listeners.length}`} detail={failed ? `${failed} failed` : 'listening'} tone={failed ? 'attention' : 'default'} testId="stat-listeners" />
        <StatTile
          label="Sessions now"
          value={formatCount(status.sessions.active)}
          detail={<><span data-testid="stat-sessions-total">{formatCount(status.sessions.sinceStart)}</span> since start</>}
          testId="stat-sessions-active"
        />
        <StatTile label="Accepted" value={formatCount(status.messages.acceptedSinceStart)} detail="messages since start" testId="stat-accepted" />
        <StatTile label="Refused" value={formatCount(status.messages.rejectedSinceStart)} detail="transactions since start" tone={status.messages.rejectedSinceStart ? 'attention' : 'default'} testId="stat-refused" />
        <StatTile label="In queue" value={formatCount(pending)} detail="recipients to deliver" testId="stat-pending" />
        <StatTile label="Delivery rate" value={formatPercent(rates.deliveryRate)} detail={`${formatCount(rates.delivered)} delivered in the last hour`} testId="stat-delivery-rate" />
        <StatTile
          label="Bounce rate"
          value={formatPercent(rates.bounceRate)}
          detail={`${formatCount(rates.bounced)} bounced · ${formatCount(rates.deferred)} deferrals`}
          tone={(rates.bounceRate ?? 0) > 0.05 ? 'attention' : 'default'}
          testId="stat-bounce-rate"
        />
      </dl>

      <Panel title="Last hour" description="Recipients accepted, delivered, deferred and bounced per minute; live." testId="minute-panel">
        <ErrorBanner error={stats.error} />
        <MinuteChart minutes={stats.minutes} palette={palette} />
      </Panel>

      <div className="panel-row">
        <Panel title="Queue depth" description="Recipients waiting, per stream and state." testId="queue-panel">
          <QueueDepthChart queue={status.queue} palette={palette} />
          <QueueTable queue={status.queue} />
        </Panel>
        <Panel title="Alerts" description="Quota, blocklist, stalled queue and certificate warnings." aside={<span className="count-pill">{alerts.length}</span>} testId="alerts-panel">
          <AlertList alerts={alerts} limit={8} />
        </Panel>
      </div>

      <Panel
        title="Top destinations"
        description="Most waiting mail and activity in the last hour; refreshed every 15 s."
        testId="top-destinations-panel"
      >
        <TopDestinations destinations={top.data} error={top.error} />
      </Panel>

      <Panel title="SMTP listeners" description="Where applications submit mail." testId="listeners-panel">
        <ListenersTable listeners={status.listeners} />
      </Panel>
    </div>
  );
}
