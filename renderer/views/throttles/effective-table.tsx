// What applies to each busy destination now, next to what is configured, with why they
// differ (adaptive slow-down after rate-limit replies), and a live gauge of the last
// minute's sends against the effective per-minute limit.
import type { EffectiveThrottle } from '../../../engine/api/contract';
import { DataTable } from '../../components/data-table';
import { formatClock, formatCount } from '../../lib/format';
import { differingLimits, formatLimit, LIMIT_FIELDS, minuteLoad } from './limits';

const COLUMNS = [
  'Destination',
  'Rate (last minute)',
  ...LIMIT_FIELDS.map((field) => ({ label: <>{field.label}<br /><span className="muted small">effective / configured</span></>, isNumeric: true })),
  { label: 'Open connections', isNumeric: true },
  'Why it differs',
];

export function EffectiveTable({ throttles }: { throttles: EffectiveThrottle[] }) {
  if (throttles.length === 0) {
    return <p className="empty" data-testid="effective-empty">No destination is busy right now. Destinations appear here while mail goes to them and for a minute after.</p>;
  }
  return (
    <DataTable label="Effective limits of busy destinations" testId="effective-throttles" columns={COLUMNS}>
      {throttles.map((throttle) => {
        const differs = new Set(differingLimits(throttle.configured, throttle.effective));
        return (
          <tr key={throttle.key} data-testid={`effective-${throttle.key}`}>
            <th scope="row">
              <span className="strong">{throttle.label}</span>
              <span className="muted small mono block">{throttle.key}</span>
            </th>
            <td><RateGauge sent={throttle.sentLastMinute} perMinute={throttle.effective.messagesPerMinute} /></td>
            {LIMIT_FIELDS.map((field) => (
              <td key={field.key} className={`numeric${differs.has(field.key) ? ' differs' : ''}`} data-testid={`effective-${throttle.key}-${field.key}`}>
                <span className="strong">{formatLimit(throttle.effective[field.key])}</span>
                <span className="muted"> / {formatLimit(throttle.configured[field.key])}</span>
              </td>
            ))}
            <td className="numeric">{formatCount(throttle.activeConnections)}</td>
            <td className="small">
              {throttle.pausedUntil ? <span className="badge badge-warn">Paused until {formatClock(throttle.pausedUntil)}</span> : null}
              {throttle.reason ? <span className="block" data-testid={`effective-reason-${throttle.key}`}>{throttle.reason}</span> : <span className="muted">As configured</span>}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}

function RateGauge({ sent, perMinute }: { sent: number; perMinute: number | null }) {
  const load = minuteLoad(sent, perMinute);
  const percent = load === null ? 0 : Math.min(100, Math.round(load * 100));
  const tone = load === null ? 'neutral' : load >= 0.9 ? 'bad' : load >= 0.6 ? 'warn' : 'ok';
  return (
    <div className="gauge" title={perMinute === null ? `${sent} sent in the last minute; no per-minute limit` : `${sent} of ${perMinute} per minute`}>
      <meter className={`gauge-meter gauge-${tone}`} min={0} max={100} value={percent} aria-label="Share of the per-minute limit used" />
      <span className="mono small">{formatCount(sent)}{perMinute === null ? '/min' : ` / ${formatCount(perMinute)}`}</span>
    </div>
  );
}
