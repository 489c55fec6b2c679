// SMTP sessions as rows: who connected where, over what, as whom, and how far they got.
import type { SessionView } from '../../engine/api/contract';
import { formatClock, formatCount, formatDuration, formatEndpoint } from '../lib/format';
import { Badge } from './badge';
import { TableScroll } from './panel';

interface SessionsTableProps {
  sessions: SessionView[];
  /** `live` shows how long each has been connected; `closed` how it ended. */
  variant: 'live' | 'closed';
  now: number;
  label: string;
  emptyText: string;
  testId: string;
}

export function SessionsTable({ sessions, variant, now, label, emptyText, testId }: SessionsTableProps) {
  if (sessions.length === 0) return <p className="empty" data-testid={`${testId}-empty`}>{emptyText}</p>;
  return (
    <TableScroll label={label}>
      <table className="data-table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">{variant === 'live' ? 'Connected for' : 'Ended'}</th>
            <th scope="col">Direction</th>
            <th scope="col">Client</th>
            <th scope="col">Listener</th>
            <th scope="col">HELO</th>
            <th scope="col">TLS</th>
            <th scope="col">Auth</th>
            <th scope="col" className="numeric">Messages</th>
            {variant === 'closed' ? <th scope="col">Outcome</th> : <th scope="col" className="numeric">Lines</th>}
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr key={session.id} data-testid={`session-row-${session.id}`}>
              <td className="mono nowrap">{formatClock(session.startedAt)}</td>
              <td className="mono nowrap">
                {variant === 'live' || session.endedAt === null ? formatDuration(now - session.startedAt) : formatClock(session.endedAt)}
              </td>
              <td>
                <Badge tone={session.direction === 'inbound' ? 'info' : 'neutral'}>{session.direction === 'inbound' ? 'In' : 'Out'}</Badge>
              </td>
              <td className="mono nowrap">{formatEndpoint(session.remoteAddress, session.remotePort)}</td>
              <td>{session.listener ?? '—'}</td>
              <td className="mono truncate" title={session.helo ?? undefined}>{session.helo ?? '—'}</td>
              <td className="nowrap">{session.tlsProtocol ?? <span className="muted">plaintext</span>}</td>
              <td className="mono">{session.authUser ?? <span className="muted">—</span>}</td>
              <td className="numeric">{formatCount(session.messageCount)}</td>
              {variant === 'closed'
                ? <td className="truncate" title={session.outcome ?? undefined}>{session.outcome ?? '—'}</td>
                : <td className="numeric">{formatCount(session.lineCount)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
