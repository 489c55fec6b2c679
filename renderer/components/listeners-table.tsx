// The SMTP listeners: where each listens, how it protects sessions, whether it runs
// and, when it failed, the reason word for word.
import type { ListenerTls, ListenerView } from '../../engine/api/contract';
import { assertNever } from '../lib/assert-never';
import { formatCount, formatEndpoint } from '../lib/format';
import { Badge } from './badge';
import { TableScroll } from './panel';

const TLS_LABELS: Record<ListenerTls, string> = {
  starttls: 'STARTTLS',
  implicit: 'Implicit TLS',
  none: 'None · trusted networks only',
};

function StateBadge({ listener }: { listener: ListenerView }) {
  const testId = `listener-state-${listener.name}`;
  switch (listener.state) {
    case 'listening':
      return <Badge tone="ok" testId={testId}>Listening</Badge>;
    case 'stopped':
      return <Badge tone="neutral" testId={testId}>Stopped</Badge>;
    case 'failed':
      return <Badge tone="bad" testId={testId}>Failed</Badge>;
    default:
      return assertNever(listener.state);
  }
}

export function ListenersTable({ listeners }: { listeners: ListenerView[] }) {
  if (listeners.length === 0) {
    return <p className="empty" data-testid="listeners-empty">No SMTP listeners are configured.</p>;
  }
  return (
    <TableScroll label="SMTP listeners">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Listener</th>
            <th scope="col">Address</th>
            <th scope="col">TLS</th>
            <th scope="col">State</th>
            <th scope="col" className="numeric">Active sessions</th>
          </tr>
        </thead>
        <tbody>
          {listeners.map((listener) => (
            <ListenerRows key={listener.name} listener={listener} />
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function ListenerRows({ listener }: { listener: ListenerView }) {
  const hasError = listener.state === 'failed' && listener.error;
  return (
    <>
      <tr data-testid={`listener-row-${listener.name}`} className={hasError ? 'has-detail' : undefined}>
        <th scope="row" className="strong">{listener.name}</th>
        <td className="mono" data-testid={`listener-address-${listener.name}`}>{formatEndpoint(listener.host, listener.port)}</td>
        <td>{TLS_LABELS[listener.tls]}</td>
        <td><StateBadge listener={listener} /></td>
        <td className="numeric" data-testid={`listener-sessions-${listener.name}`}>{formatCount(listener.activeSessions)}</td>
      </tr>
      {hasError ? (
        <tr className="detail-row">
          <td colSpan={5}>
            <span className="detail-label">Reason</span>
            <code className="reply" data-testid={`listener-error-${listener.name}`}>{listener.error}</code>
          </td>
        </tr>
      ) : null}
    </>
  );
}
