// Alerts newest first: level, what it is about, when, and the engine's sentence.
import type { AlertView } from '../../engine/api/contract';
import { formatClock } from '../lib/format';
import { Badge } from './badge';

const ALERT_KIND_LABELS: Record<AlertView['kind'], string> = {
  quota: 'Quota',
  blocklist: 'Blocklist',
  'queue-stalled': 'Queue stalled',
  certificate: 'TLS certificate',
  throttle: 'Throttle',
};

export function AlertList({ alerts, limit }: { alerts: AlertView[]; limit: number }) {
  if (alerts.length === 0) return <p className="empty" data-testid="alerts-empty">No alerts. Quota, blocklist and stalled-queue warnings appear here as they happen.</p>;
  return (
    <ul className="alert-list" data-testid="alerts">
      {alerts.slice(0, limit).map((alert) => (
        <li key={alert.id} className={`alert-item alert-${alert.level}`} data-testid={`alert-${alert.id}`}>
          <Badge tone={alert.level === 'critical' ? 'bad' : 'warn'}>{alert.level === 'critical' ? 'Critical' : 'Warning'}</Badge>
          <span className="alert-kind">{ALERT_KIND_LABELS[alert.kind]}</span>
          <span className="alert-message">{alert.message}</span>
          <time className="mono muted" dateTime={new Date(alert.at).toISOString()}>{formatClock(alert.at)}</time>
        </li>
      ))}
    </ul>
  );
}
