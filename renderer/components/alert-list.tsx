// Alerts newest first: level, what it is about, when, and the engine's sentence.
import type { AlertView } from '../../engine/api/contract';
import { formatClock } from '../lib/format';
import { isWebLink } from '../lib/web-link';
import { formatRoute, type Route } from '../shell/routes';
import { Badge, type BadgeTone } from './badge';

const ALERT_KIND_LABELS: Record<AlertView['kind'], string> = {
  quota: 'Quota',
  blocklist: 'Blocklist',
  'queue-stalled': 'Queue stalled',
  certificate: 'TLS certificate',
  throttle: 'Throttle',
  domain: 'Sending domain',
  migration: 'Migration',
};

/** Where the operator acts on an alert, for kinds whose page has the controls (resume, roll back). */
const ALERT_PAGES: Partial<Record<AlertView['kind'], { route: Route; label: string }>> = {
  migration: { route: { page: 'migration' }, label: 'Open the migration' },
  blocklist: { route: { page: 'blocklists' }, label: 'Open blocklists' },
  domain: { route: { page: 'domains' }, label: 'Open Domains & DNS' },
};

const LEVEL_BADGES: Record<AlertView['level'], { tone: BadgeTone; label: string }> = {
  info: { tone: 'info', label: 'Info' },
  warning: { tone: 'warn', label: 'Warning' },
  critical: { tone: 'bad', label: 'Critical' },
};

export function AlertList({ alerts, limit }: { alerts: AlertView[]; limit: number }) {
  if (alerts.length === 0) return <p className="empty" data-testid="alerts-empty">No alerts. Quota, blocklist and stalled-queue warnings appear here as they happen.</p>;
  return (
    <ul className="alert-list" data-testid="alerts">
      {alerts.slice(0, limit).map((alert) => (
        <li key={alert.id} className={`alert-item alert-${alert.level}`} data-testid={`alert-${alert.id}`}>
          <Badge tone={LEVEL_BADGES[alert.level].tone}>{LEVEL_BADGES[alert.level].label}</Badge>
          <span className="alert-kind">
            {ALERT_KIND_LABELS[alert.kind]}
            {alert.blocklist ? <span className="block" data-testid={`alert-list-name-${alert.id}`}>{alert.blocklist.list}</span> : null}
          </span>
          <span className="alert-message">
            {alert.message}
            {isWebLink(alert.blocklist?.delistUrl) ? <> <a href={alert.blocklist.delistUrl} target="_blank" rel="noreferrer noopener" data-testid={`alert-delist-${alert.id}`}>Request delisting</a></> : null}
            {ALERT_PAGES[alert.kind] ? <> <a href={formatRoute(ALERT_PAGES[alert.kind]!.route)} data-testid={`alert-link-${alert.id}`}>{ALERT_PAGES[alert.kind]!.label}</a></> : null}
          </span>
          <time className="mono muted" dateTime={new Date(alert.at).toISOString()}>{formatClock(alert.at)}</time>
        </li>
      ))}
    </ul>
  );
}
