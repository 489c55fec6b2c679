// Consumers of the stored events table (webhook fan-out, analytics rollups) read it
// forward from their own cursor, inside the writer transaction that also stores what they
// made of the events. A crash loses nothing and counts nothing twice, and the paths that
// record the facts (ingest, delivery outcomes) do not pay for any consumer.
import type { EventView } from '../api/contract';
import type { Store, WriteDb } from '../store/index';

/** A stored event, as the contract shows it. */
export type StoredEvent = EventView;

export interface FeedConsumer {
  /** The cursor's row in event_cursors. */
  readonly name: string;
  /** Runs inside a writer transaction: synchronous, and it must not publish anything (the batch may roll back). */
  consume(db: WriteDb, events: StoredEvent[]): void;
  /** Runs once the batch is committed. */
  afterCommit?(): void;
}

/** Events read per transaction: a few milliseconds of work, so ingest never waits long. */
const BATCH_SIZE = 500;
/** A wake-up waits this long so a burst of events is read in one batch. */
const DELAY_MS = 20;
/** Events stored without a bus signal (another process, a new kind of fact) are found by polling. */
const POLL_MS = 1000;

/** An events row with its columns under their domain names; `data` still JSON. */
export type EventRow = Omit<StoredEvent, 'data'> & { data: string };

/** The columns of an EventRow. */
export const EVENT_COLUMNS = 'id, at, type, message_id AS messageId, recipient_id AS recipientId, data';

export class EventFeed {
  private readonly selectStatement;
  private readonly cursorStatement;
  private readonly maxStatement;
  private readonly advanceStatement;
  private timer: NodeJS.Timeout | null = null;
  private poller: NodeJS.Timeout | null = null;
  private isRunning = false;
  /** A wake-up came while a batch was being consumed. */
  private isWanted = false;
  private isStopped = false;
  private waiters: Array<{ target: number; resolve: () => void }> = [];

  constructor(
    private readonly store: Store,
    private readonly consumer: FeedConsumer,
    private readonly log: (message: string, details: Record<string, unknown>) => void = () => {},
  ) {
    this.selectStatement = store.db.prepare<[number, number], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE id > ? ORDER BY id LIMIT ?`);
    this.cursorStatement = store.db.prepare<[string], { last_event_id: number; floor_at: number }>(
      'SELECT last_event_id, floor_at FROM event_cursors WHERE name = ?');
    this.maxStatement = store.db.prepare<[], { id: number | null }>('SELECT MAX(id) AS id FROM events');
    this.advanceStatement = store.db.prepare(`INSERT INTO event_cursors (name, last_event_id) VALUES (?, ?)
      ON CONFLICT (name) DO UPDATE SET last_event_id = excluded.last_event_id`);
  }

  start(): void {
    this.poller = setInterval(() => this.wake(), POLL_MS);
    this.wake();
  }

  /** Something was stored; read it soon. */
  wake(): void {
    if (this.isRunning) this.isWanted = true;
    if (this.isStopped || this.timer || this.isRunning) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.run();
    }, DELAY_MS);
  }

  /** Resolves once every event stored before the call has been consumed. */
  sync(): Promise<void> {
    const target = this.maxStatement.get()?.id ?? 0;
    if (this.position() >= target || this.isStopped) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push({ target, resolve });
      this.wake();
    });
  }

  /** Events stored but not consumed yet. */
  backlog(): number {
    return Math.max(0, (this.maxStatement.get()?.id ?? 0) - this.position());
  }

  stop(): void {
    this.isStopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.poller) clearInterval(this.poller);
    this.timer = this.poller = null;
    for (const waiter of this.waiters.splice(0)) waiter.resolve();
  }

  /** The committed cursor; a new consumer starts at the beginning (a database from before it counts too). */
  private position(): number {
    return this.cursorStatement.get(this.consumer.name)?.last_event_id ?? 0;
  }

  private run(): void {
    if (this.isStopped) return;
    // Nothing new: no transaction, so an idle relay does no writes.
    if (this.position() >= (this.maxStatement.get()?.id ?? 0)) {
      this.release();
      return;
    }
    this.isRunning = true;
    this.store.writer.commit((db) => this.consumeBatch(db)).then(
      (isFull) => {
        this.isRunning = false;
        // The store may have closed while the batch was syncing.
        if (this.isStopped) return;
        this.release();
        this.consumer.afterCommit?.();
        if (isFull || this.isWanted) setImmediate(() => this.wake());
        this.isWanted = false;
      },
      (error: unknown) => {
        this.isRunning = false;
        if (this.isStopped) return;
        this.log(`${this.consumer.name}: could not consume events; retrying`, { error: String(error) });
        this.timer = setTimeout(() => {
          this.timer = null;
          this.run();
        }, 1000);
      },
    );
  }

  // Reads the cursor inside the transaction: if the batch rolls back, so does the cursor.
  private consumeBatch(db: WriteDb): boolean {
    const stored = this.cursorStatement.get(this.consumer.name);
    const from = stored?.last_event_id ?? 0;
    const floorAt = stored?.floor_at ?? 0;
    const rows = this.selectStatement.all(from, BATCH_SIZE);
    const events = rows.filter((row) => row.at >= floorAt).map(rowToEvent);
    if (events.length) this.consumer.consume(db, events);
    const last = rows.at(-1)?.id ?? from;
    this.advanceStatement.run(this.consumer.name, last);
    return rows.length === BATCH_SIZE;
  }

  private release(): void {
    const position = this.position();
    this.waiters = this.waiters.filter((waiter) => {
      if (waiter.target > position) return true;
      waiter.resolve();
      return false;
    });
    if (this.waiters.length) this.wake();
  }
}

export function rowToEvent(row: EventRow): StoredEvent {
  return { ...row, data: JSON.parse(row.data) as Record<string, unknown> };
}
