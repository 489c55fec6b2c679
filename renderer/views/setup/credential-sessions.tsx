// The latest SMTP sessions that logged in with the guide's credential, live: when an
// application configured from a snippet sends, its session shows up here with its outcome.
import { useEffect, useState } from 'react';
import { ErrorBanner } from '../../components/error-banner';
import { formatClock } from '../../lib/format';
import { useCall } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';
import { formatRoute } from '../../shell/routes';

const SHOWN = 5;

export function CredentialSessions({ username }: { username: string }) {
  const { client } = useConsole();
  const [version, setVersion] = useState(0);
  const sessions = useCall(client, 'sessions.list', { direction: 'inbound', authUser: username, limit: SHOWN }, { refreshKey: version });

  // Live events carry sessions as they change; the list is re-read so it stays the stored truth.
  useEffect(() => client.subscribe('sessions.live', { authUser: username }, {
    onSnapshot: () => setVersion((value) => value + 1),
    onEvent: () => setVersion((value) => value + 1),
  }), [client, username]);

  const items = sessions.data?.items ?? [];
  return (
    <section className="setup-sessions" aria-label={`Sessions as ${username}`} data-testid="setup-sessions">
      <h3 className="setup-subtitle">Sessions logged in as <span className="mono">{username}</span></h3>
      <ErrorBanner error={sessions.error} />
      {sessions.data && items.length === 0 ? <p className="empty" data-testid="setup-sessions-empty">None yet. Run a snippet, or send the test message: its session appears here.</p> : null}
      {items.length ? (
        <ul className="setup-session-list">
          {items.map((session) => (
            <li key={session.id} data-testid={`setup-session-${session.id}`}>
              <span className="mono small">{formatClock(session.startedAt)}</span>
              <span className="mono small">{session.remoteAddress}</span>
              <span className="small">{session.tlsProtocol ?? 'no TLS'}</span>
              <span className="small" data-testid={`setup-session-outcome-${session.id}`}>{session.endedAt === null ? 'connected' : (session.outcome ?? 'ended')}</span>
              <a href={formatRoute({ page: 'conversations', sessionId: session.id })} data-testid={`setup-session-link-${session.id}`}>Open the conversation</a>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
