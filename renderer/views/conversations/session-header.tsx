// What is known about one session: who, where, TLS, user, timing, outcome, and the
// messages it submitted (each a link to the message).
import type { SessionView } from '../../../engine/api/contract';
import { Badge } from '../../components/badge';
import { formatClock, formatDuration, formatEndpoint } from '../../lib/format';
import { formatRoute } from '../../shell/routes';

export function SessionHeader({ session, messageIds, now }: { session: SessionView; messageIds: string[]; now: number }) {
  const isLive = session.endedAt === null;
  return (
    <div className="session-header" data-testid="session-header">
      <div className="session-title">
        <Badge tone={session.direction === 'inbound' ? 'info' : 'neutral'}>{session.direction === 'inbound' ? 'Inbound' : 'Outbound'}</Badge>
        <span className="mono strong">{formatEndpoint(session.remoteAddress, session.remotePort)}</span>
        {isLive ? <Badge tone="ok" testId="session-live">Live</Badge> : <Badge tone="neutral" testId="session-ended">Ended</Badge>}
      </div>
      <dl className="facts">
        <div><dt>Session</dt><dd className="mono">{session.id}</dd></div>
        {session.listener ? <div><dt>Listener</dt><dd>{session.listener}</dd></div> : null}
        {session.localAddress ? <div><dt>Local</dt><dd className="mono">{formatEndpoint(session.localAddress, session.localPort)}</dd></div> : null}
        <div><dt>EHLO</dt><dd className="mono">{session.helo ?? '—'}</dd></div>
        <div><dt>TLS</dt><dd>{session.tlsProtocol ? `${session.tlsProtocol} · ${session.tlsCipher ?? ''}` : 'plaintext'}</dd></div>
        <div><dt>User</dt><dd className="mono">{session.authUser ?? '—'}</dd></div>
        <div><dt>Started</dt><dd className="mono">{formatClock(session.startedAt)}</dd></div>
        <div><dt>{isLive ? 'Connected for' : 'Ended'}</dt><dd className="mono">{isLive ? formatDuration(now - session.startedAt) : formatClock(session.endedAt ?? session.startedAt)}</dd></div>
        {session.outcome ? <div><dt>Outcome</dt><dd data-testid="session-outcome">{session.outcome}</dd></div> : null}
        {messageIds.length ? (
          <div>
            <dt>Messages</dt>
            <dd className="message-links">
              {messageIds.map((id) => <a key={id} className="mono" href={formatRoute({ page: 'message', id })} data-testid={`session-message-${id}`}>{id}</a>)}
            </dd>
          </div>
        ) : null}
      </dl>
    </div>
  );
}
