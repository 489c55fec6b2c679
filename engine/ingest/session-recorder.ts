// Records every SMTP session and each line of its conversation. Lines are published to
// live viewers with the next store batch, and stored in chunks (one row per session and
// chunk): when the session ends, once 64 lines wait, or once the oldest has waited 1 s.
import type { Store, StoredCredential } from '../store/index';
import type { EventBus } from '../events/index';
import type { Clock } from '../shared/clock';
import { createSessionIdGenerator } from '../shared/ids';
import type { SessionView, TranscriptLine } from '../api/contract';

export interface LiveSession {
  readonly view: SessionView;
  credential: StoredCredential | null;
  authFailures: number;
  lastErrorReply: string | null;
  /** Epoch ms of the last command, for the trickle timeout. */
  lastCommandAt: number;
  /** The client said QUIT: a reset after it is how many clients hang up, not a failure. */
  hasQuit: boolean;
  isAnnounced: boolean;
  isClosed: boolean;
  /** Lines recorded and published but not yet stored. */
  unsaved: TranscriptLine[];
  /** Its row exists in the store (written with its first chunk, or at close). */
  isStored: boolean;
  /** The row changed since it was stored. */
  isDirty: boolean;
  /** The last line handed to live viewers. */
  publishedSeq: number;
}

/** A chunk is stored once this many lines wait... */
const CHUNK_LINES = 64;
/** ...or once the oldest has waited this long: a crash loses at most this much of a transcript. */
const CHUNK_AGE_MS = 1000;

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
  /** Closed sessions whose row and last lines are not stored yet. */
  private readonly closing = new Set<LiveSession>();
  private unpublishedLines: TranscriptLine[] = [];
  private readonly changed = new Set<LiveSession>();
  private isFlushScheduled = false;
  private ageTimer: NodeJS.Timeout | null = null;
  private openedSinceStart = 0;
  private readonly nextSessionId: (direction: SessionView['direction']) => string;

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly clock: Clock,
  ) {
    this.nextSessionId = createSessionIdGenerator(() => clock.now());
  }

  /** A new session's id: time-ordered, so its row and transcript chunks append to their indexes. */
  newSessionId(direction: SessionView['direction']): string {
    return this.nextSessionId(direction);
  }

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
      hasQuit: false,
      isAnnounced: false,
      isClosed: false,
      unsaved: [],
      isStored: false,
      isDirty: false,
      publishedSeq: 0,
    };
    this.live.set(opening.id, session);
    if (opening.direction === 'inbound') this.openedSinceStart++;
    this.markChanged(session);
    return session;
  }

  get(id: string): LiveSession | undefined {
    return this.live.get(id);
  }

  line(id: string, kind: TranscriptLine['kind'], text: string): void {
    const session = this.live.get(id);
    if (!session) return;
    const at = this.clock.now();
    if (kind === 'client') {
      session.lastCommandAt = at;
      session.hasQuit ||= /^QUIT\b/i.test(text);
    } else if (kind === 'server' && /^[45]\d\d[ -]/.test(text)) session.lastErrorReply = text;
    const line: TranscriptLine = { sessionId: id, seq: ++session.view.lineCount, at, kind, text };
    session.unsaved.push(line);
    this.unpublishedLines.push(line);
    this.scheduleFlush();
  }

  /**
   * A conversation so far: stored chunks, then the lines not stored yet. With
   * `upToPublished`, it stops at the last line live viewers were sent, so a subscriber's
   * snapshot and the events after it neither miss nor repeat a line.
   */
  transcript(id: string, upToPublished = false): TranscriptLine[] {
    const stored = this.store.sessions.lines(id);
    const session = this.find(id);
    if (!session) return stored;
    const limit = upToPublished ? session.publishedSeq : Number.POSITIVE_INFINITY;
    return stored.concat(session.unsaved.filter((line) => line.seq <= limit));
  }

  update(id: string, change: Partial<Pick<SessionView, 'helo' | 'tlsProtocol' | 'tlsCipher' | 'authUser' | 'messageCount'>>): void {
    const session = this.live.get(id);
    if (!session) return;
    Object.assign(session.view, change);
    session.isDirty = true;
    this.markChanged(session);
  }

  close(id: string): void {
    const session = this.live.get(id);
    if (!session) return;
    this.live.delete(id);
    session.isClosed = true;
    session.view.endedAt = this.clock.now();
    session.view.outcome = describeOutcome(session);
    this.closing.add(session);
    this.markChanged(session);
  }

  /** A session still held in memory: live, or closed and not yet stored. */
  view(id: string): SessionView | undefined {
    const session = this.find(id);
    return session && { ...session.view };
  }

  private find(id: string): LiveSession | undefined {
    return this.live.get(id) ?? [...this.closing].find((session) => session.view.id === id);
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

  private markChanged(session: LiveSession): void {
    this.changed.add(session);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.isFlushScheduled) return;
    this.isFlushScheduled = true;
    let lines: TranscriptLine[] = [];
    let changed: Array<{ session: LiveSession; view: SessionView; isClosed: boolean }> = [];
    this.store.writer.defer(
      () => {
        this.isFlushScheduled = false;
        lines = this.unpublishedLines;
        this.unpublishedLines = [];
        changed = [...this.changed].map((s) => ({ session: s, view: { ...s.view }, isClosed: s.isClosed }));
        this.changed.clear();
        this.storeDue(this.clock.now());
      },
      () => this.publish(changed, lines),
    );
  }

  // Runs inside a store batch: writes the rows and chunks that are due.
  private storeDue(now: number): void {
    let hasWaitingLines = false;
    for (const session of [...this.live.values(), ...this.closing]) {
      const isChunkDue = session.isClosed || session.unsaved.length >= CHUNK_LINES
        || (session.unsaved.length > 0 && now - session.unsaved[0]!.at >= CHUNK_AGE_MS);
      if (isChunkDue || (session.isStored && session.isDirty)) {
        // The row first: chunks reference it.
        this.store.sessions.save({ ...session.view, credentialId: session.credential?.id ?? null });
        session.isStored = true;
        session.isDirty = false;
      }
      if (isChunkDue && session.unsaved.length) {
        this.store.sessions.appendChunk(session.view.id, session.unsaved);
        session.unsaved = [];
      }
      hasWaitingLines ||= session.unsaved.length > 0;
    }
    this.closing.clear();
    // Lines of a quiet session must still reach the store within about CHUNK_AGE_MS.
    if (hasWaitingLines && !this.ageTimer) {
      this.ageTimer = setTimeout(() => {
        this.ageTimer = null;
        this.scheduleFlush();
      }, CHUNK_AGE_MS).unref();
    }
  }

  private publish(changed: Array<{ session: LiveSession; view: SessionView; isClosed: boolean }>, lines: TranscriptLine[]): void {
    for (const { session, view, isClosed } of changed) {
      if (!session.isAnnounced) {
        session.isAnnounced = true;
        this.bus.emit('session.opened', view);
        if (!isClosed) continue;
      }
      this.bus.emit(isClosed ? 'session.closed' : 'session.updated', view);
    }
    for (const line of lines) {
      const session = this.live.get(line.sessionId);
      if (session) session.publishedSeq = line.seq;
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
