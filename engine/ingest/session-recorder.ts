// Records every SMTP session and each line of its conversation, writes them with the
// next store batch (never on the accept path's critical fsync) and publishes them
// after they are written.
import type { Store, StoredCredential } from '../store/index';
import type { EventBus } from '../events/index';
import type { Clock } from '../shared/clock';
import type { SessionView, TranscriptLine } from '../api/contract';

export interface LiveSession {
  readonly view: SessionView;
  credential: StoredCredential | null;
  authFailures: number;
  lastErrorReply: string | null;
  /** Epoch ms of the last command, for the trickle timeout. */
  lastCommandAt: number;
  isAnnounced: boolean;
  isClosed: boolean;
}

export interface SessionOpening {
  id: string;
  direction: SessionView['direction'];
  listener: string | null;
  localAddress: string | null;
  localPort: number | null;
  remoteAddress: string;
  remotePort: number | null;
}

export class SessionRecorder {
  private readonly live = new Map<string, LiveSession>();
  private pendingLines: TranscriptLine[] = [];
  private readonly dirty = new Set<LiveSession>();
  private isFlushScheduled = false;
  private openedSinceStart = 0;

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly clock: Clock,
  ) {}

  open(opening: SessionOpening): LiveSession {
    const now = this.clock.now();
    const session: LiveSession = {
      view: {
        ...opening,
        helo: null,
        tlsProtocol: null,
        tlsCipher: null,
        authUser: null,
        startedAt: now,
        endedAt: null,
        outcome: null,
        messageCount: 0,
        lineCount: 0,
      },
      credential: null,
      authFailures: 0,
      lastErrorReply: null,
      lastCommandAt: now,
      isAnnounced: false,
      isClosed: false,
    };
    this.live.set(opening.id, session);
    if (opening.direction === 'inbound') this.openedSinceStart++;
    this.markDirty(session);
    return session;
  }

  get(id: string): LiveSession | undefined {
    return this.live.get(id);
  }

  line(id: string, kind: TranscriptLine['kind'], text: string): void {
    const session = this.live.get(id);
    if (!session) return;
    const at = this.clock.now();
    if (kind === 'client') session.lastCommandAt = at;
    else if (kind === 'server' && /^[45]\d\d[ -]/.test(text)) session.lastErrorReply = text;
    this.pendingLines.push({ sessionId: id, seq: ++session.view.lineCount, at, kind, text });
    // The session row's line count catches up at the next change or at close; lines
    // alone do not rewrite the row.
    this.scheduleFlush();
  }

  update(id: string, change: Partial<Pick<SessionView, 'helo' | 'tlsProtocol' | 'tlsCipher' | 'authUser' | 'messageCount'>>): void {
    const session = this.live.get(id);
    if (!session) return;
    Object.assign(session.view, change);
    this.markDirty(session);
  }

  close(id: string): void {
    const session = this.live.get(id);
    if (!session) return;
    this.live.delete(id);
    session.isClosed = true;
    session.view.endedAt = this.clock.now();
    session.view.outcome = describeOutcome(session);
    this.markDirty(session);
  }

  activeSessions(): SessionView[] {
    return [...this.live.values()].map((session) => ({ ...session.view }));
  }

  /** Inbound sessions connected now (to `listener`, if given); deliveries in flight are not clients. */
  activeCount(listener?: string): number {
    let count = 0;
    for (const { view } of this.live.values()) {
      if (view.direction === 'inbound' && (listener === undefined || view.listener === listener)) count++;
    }
    return count;
  }

  /** Inbound sessions from one client address (an MX we deliver to may share it). */
  countFrom(remoteAddress: string): number {
    let count = 0;
    for (const { view } of this.live.values()) if (view.direction === 'inbound' && view.remoteAddress === remoteAddress) count++;
    return count;
  }

  get inboundSinceStart(): number {
    return this.openedSinceStart;
  }

  private markDirty(session: LiveSession): void {
    this.dirty.add(session);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.isFlushScheduled) return;
    this.isFlushScheduled = true;
    let lines: TranscriptLine[] = [];
    let saved: Array<{ session: LiveSession; view: SessionView; isClosed: boolean }> = [];
    this.store.writer.defer(
      () => {
        this.isFlushScheduled = false;
        lines = this.pendingLines;
        this.pendingLines = [];
        saved = [...this.dirty].map((s) => ({ session: s, view: { ...s.view }, isClosed: s.isClosed }));
        this.dirty.clear();
        // Session rows first: transcript lines reference them.
        for (const { session: s, view } of saved) this.store.sessions.save({ ...view, credentialId: s.credential?.id ?? null });
        this.store.sessions.appendLines(lines);
      },
      () => this.publish(saved, lines),
    );
  }

  private publish(saved: Array<{ session: LiveSession; view: SessionView; isClosed: boolean }>, lines: TranscriptLine[]): void {
    for (const { session, view, isClosed } of saved) {
      if (!session.isAnnounced) {
        session.isAnnounced = true;
        this.bus.emit('session.opened', view);
        if (!isClosed) continue;
      }
      this.bus.emit(isClosed ? 'session.closed' : 'session.updated', view);
    }
    if (lines.length) this.bus.emit('transcript.appended', lines);
  }
}

function describeOutcome(session: LiveSession): string {
  const count = session.view.messageCount;
  if (count > 0) return `${count} message${count === 1 ? '' : 's'} accepted`;
  if (session.lastErrorReply) return `no message accepted; last refusal: ${session.lastErrorReply}`;
  return 'no message sent';
}
