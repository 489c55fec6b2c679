// One session: its header (live from the sessions topic while connected, stored once
// closed) and its conversation.
import { useEffect, useMemo } from 'react';
import { ErrorBanner } from '../../components/error-banner';
import { useLive } from '../../lib/hooks';
import { useCall } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';
import { LiveTranscript } from './live-transcript';
import { SessionHeader } from './session-header';

export function SessionDetail({ sessionId, now }: { sessionId: string; now: number }) {
  const { client, stores } = useConsole();
  const sessions = useLive(stores.sessions);
  const live = useMemo(
    () => sessions.active.find((session) => session.id === sessionId) ?? sessions.recent.find((session) => session.id === sessionId) ?? null,
    [sessions.active, sessions.recent, sessionId],
  );
  const stored = useCall(client, 'sessions.get', { id: sessionId });
  const { reload } = stored;
  const endedAt = live?.endedAt ?? null;
  // Once the session closes, ask again: the messages it submitted are known by then.
  useEffect(() => {
    if (endedAt !== null) reload();
  }, [endedAt, reload]);
  const session = live ?? stored.data?.session ?? null;
  return (
    <div className="session-detail">
      <ErrorBanner error={stored.error} />
      {session ? <SessionHeader session={session} messageIds={stored.data?.messageIds ?? []} now={now} /> : null}
      <LiveTranscript sessionId={sessionId} />
    </div>
  );
}
