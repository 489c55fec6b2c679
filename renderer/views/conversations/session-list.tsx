// Sessions as a virtual list of two-line rows: direction, peer, user, TLS, how long or how
// it ended. ↑/↓ move the selection, Enter opens; the selected session is marked current.
import { memo, useCallback, useState, type KeyboardEvent } from 'react';
import type { SessionView } from '../../../engine/api/contract';
import { Badge } from '../../components/badge';
import { VirtualList } from '../../components/virtual-list';
import { formatClock, formatCount, formatDuration, formatEndpoint } from '../../lib/format';
import type { VirtualRange } from '../../lib/virtual-range';

const ROW_HEIGHT = 54;

interface SessionListProps {
  sessions: SessionView[];
  selectedId: string | null;
  onSelect(sessionId: string): void;
  now: number;
  label: string;
  testId: string;
  onRangeChange?(range: VirtualRange): void;
}

export function SessionList({ sessions, selectedId, onSelect, now, label, testId, onRangeChange }: SessionListProps) {
  const selectedIndex = sessions.findIndex((session) => session.id === selectedId);
  // Only the keyboard scrolls the list to the selection: new sessions arriving on top must
  // not pull an operator back while they browse.
  const [revealIndex, setRevealIndex] = useState<number | null>(null);
  const renderRow = useCallback((index: number) => {
    const session = sessions[index];
    return session ? <SessionRow session={session} isSelected={session.id === selectedId} now={now} onSelect={onSelect} /> : null;
  }, [sessions, selectedId, now, onSelect]);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const delta = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (!delta || sessions.length === 0) return;
    event.preventDefault();
    const index = Math.min(sessions.length - 1, Math.max(0, (selectedIndex < 0 ? -1 : selectedIndex) + delta));
    const next = sessions[index];
    if (!next) return;
    setRevealIndex(index);
    onSelect(next.id);
  };
  return (
    <VirtualList
      count={sessions.length}
      rowHeight={ROW_HEIGHT}
      renderRow={renderRow}
      revealIndex={revealIndex}
      onRangeChange={onRangeChange}
      label={label}
      testId={testId}
      className="session-list"
      onKeyDown={onKeyDown}
    />
  );
}

const SessionRow = memo(function SessionRow({ session, isSelected, now, onSelect }: { session: SessionView; isSelected: boolean; now: number; onSelect(id: string): void }) {
  const isLive = session.endedAt === null;
  return (
    <button
      type="button"
      className={`session-row${isSelected ? ' is-selected' : ''}`}
      aria-current={isSelected ? 'true' : undefined}
      onClick={() => onSelect(session.id)}
      tabIndex={-1}
      data-testid={`session-row-${session.id}`}
      data-live={isLive}
    >
      <span className="session-line">
        <Badge tone={session.direction === 'inbound' ? 'info' : 'neutral'}>{session.direction === 'inbound' ? 'In' : 'Out'}</Badge>
        <span className="mono">{formatEndpoint(session.remoteAddress, session.remotePort)}</span>
        {session.authUser ? <span className="mono muted">{session.authUser}</span> : null}
        <span className="session-time mono muted">{formatClock(session.startedAt)}</span>
      </span>
      <span className="session-line session-meta">
        {isLive ? <span className="live-dot" aria-label="connected" /> : null}
        <span>{session.tlsProtocol ?? 'plaintext'}</span>
        <span>{session.helo ?? 'no EHLO'}</span>
        <span>{formatCount(session.messageCount)} msg</span>
        <span className="session-outcome">{isLive ? `connected ${formatDuration(now - session.startedAt)}` : session.outcome ?? 'ended'}</span>
      </span>
    </button>
  );
});
