// The purge's steps, each one small batch in one writer transaction: bodies and
// transcripts past their stream's days, then metadata, sessions, events and webhook
// records past theirs. Mail still waiting to be delivered is never touched.
import type { Stream } from '../api/contract';
import type { WriteDb } from '../store/index';
import type { LinkedCounts, LinkedRecords } from './linked-records';

/** Where a walk over messages in arrival order stopped. */
export interface Position {
  at: number;
  rowid: number;
}

export interface StepResult<P = Position> {
  removed: number;
  /** Sessions whose transcript went with the bodies. */
  transcripts?: number;
  /** Events deleted with their messages. */
  events?: number;
  /** Tracking events, inbound reports and composition records deleted with their messages. */
  linked?: LinkedCounts;
  next: P | null;
  isDone: boolean;
}

const UNFINISHED = `EXISTS (SELECT 1 FROM recipients WHERE message_id = m.id AND state IN ('queued', 'sending', 'deferred', 'held'))`;

export class PurgeSteps {
  private readonly bodiesStatement;
  private readonly clearBodyStatement;
  private readonly sessionTranscriptStatement;
  private readonly oldMessagesStatement;
  private readonly messageEventsStatement;
  private readonly deleteMessageStatement;
  private readonly sessionsStatement;
  private readonly chunksStatement;
  private readonly deleteSessionsStatement;
  private readonly deleteEventsStatement;
  private readonly deleteOutboxStatement;
  private readonly deleteAttemptsStatement;
  private readonly readByAllStatement;

  constructor(db: WriteDb, private readonly linked: LinkedRecords) {
    // messages_by_body_age holds only messages that still have a body: purged ones drop out.
    this.bodiesStatement = db.prepare<Record<string, unknown>, { rowid: number; id: string; at: number; session_id: string | null; is_unfinished: number }>(
      `SELECT m.rowid AS rowid, m.id, m.received_at AS at, m.session_id, ${UNFINISHED} AS is_unfinished FROM messages m
      WHERE m.stream = @stream AND m.raw IS NOT NULL AND m.received_at < @cutoff AND (m.received_at, m.rowid) > (@afterAt, @afterRowid)
      ORDER BY m.received_at, m.rowid LIMIT @limit`);
    this.clearBodyStatement = db.prepare<[number, number]>('UPDATE messages SET raw = NULL, raw_purged_at = ? WHERE rowid = ?');
    // An inbound conversation goes with the last body it carried.
    this.sessionTranscriptStatement = db.prepare<{ session: string }>(`DELETE FROM transcript_chunks WHERE session_id = @session
      AND NOT EXISTS (SELECT 1 FROM messages WHERE session_id = @session AND raw IS NOT NULL)`);
    this.oldMessagesStatement = db.prepare<Record<string, unknown>, { rowid: number; id: string; at: number; is_unfinished: number }>(
      `SELECT m.rowid AS rowid, m.id, m.received_at AS at, ${UNFINISHED} AS is_unfinished FROM messages m
      WHERE m.received_at < @cutoff AND (m.received_at, m.rowid) > (@afterAt, @afterRowid) AND m.stream = @stream
      ORDER BY m.received_at, m.rowid LIMIT @limit`);
    // Events not yet read by every consumer (webhooks, analytics) stay; the event sweep takes them later.
    this.messageEventsStatement = db.prepare<[string, number]>('DELETE FROM events WHERE message_id = ? AND id <= ?');
    // Recipients and their attempts go with the message (foreign keys cascade).
    this.deleteMessageStatement = db.prepare<[number]>('DELETE FROM messages WHERE rowid = ?');
    this.sessionsStatement = db.prepare<Record<string, unknown>, { rowid: number; id: string; at: number }>(
      `SELECT rowid, id, started_at AS at FROM sessions WHERE started_at < @cutoff AND (started_at, rowid) > (@afterAt, @afterRowid)
      ORDER BY started_at, rowid LIMIT @limit`);
    this.chunksStatement = db.prepare<[string]>('DELETE FROM transcript_chunks WHERE session_id = ?');
    this.deleteSessionsStatement = db.prepare<[number, number]>(`DELETE FROM sessions WHERE rowid IN
      (SELECT rowid FROM sessions WHERE started_at < ? ORDER BY started_at LIMIT ?)`);
    // Events of a kept message go with their message. The newest event always stays: ids
    // are max + 1, so deleting it would hand its id out again, behind the cursors.
    this.deleteEventsStatement = db.prepare<{ cutoff: number; upTo: number; limit: number }>(`DELETE FROM events WHERE id IN
      (SELECT e.id FROM events e WHERE e.at < @cutoff AND e.id <= @upTo AND e.id < (SELECT MAX(id) FROM events)
        AND (e.message_id IS NULL OR NOT EXISTS (SELECT 1 FROM messages WHERE id = e.message_id)) ORDER BY e.at LIMIT @limit)`);
    this.deleteOutboxStatement = db.prepare<[number, number]>(`DELETE FROM webhook_outbox WHERE id IN
      (SELECT id FROM webhook_outbox WHERE finished_at < ? ORDER BY finished_at LIMIT ?)`);
    this.deleteAttemptsStatement = db.prepare<[number, number]>(`DELETE FROM webhook_attempts WHERE id IN
      (SELECT id FROM webhook_attempts WHERE at < ? ORDER BY at LIMIT ?)`);
    this.readByAllStatement = db.prepare<[], { id: number }>('SELECT COALESCE(MIN(last_event_id), 0) AS id FROM event_cursors');
  }

  bodies(stream: Stream, cutoff: number, after: Position | null, limit: number, now: number): StepResult {
    const rows = this.bodiesStatement.all({ stream, cutoff, ...keyset(after), limit });
    let removed = 0;
    let transcripts = 0;
    const sessions = new Set<string>();
    const done = withinBudget(rows, (row) => {
      if (row.is_unfinished) return;
      this.clearBodyStatement.run(now, row.rowid);
      removed++;
      if (row.session_id) sessions.add(row.session_id);
    });
    for (const session of sessions) if (this.sessionTranscriptStatement.run({ session }).changes) transcripts++;
    return { removed, transcripts, next: last(done), isDone: done.length === rows.length && rows.length < limit };
  }

  messages(stream: Stream, cutoff: number, after: Position | null, limit: number, eventsUpTo: number): StepResult {
    const rows = this.oldMessagesStatement.all({ stream, cutoff, ...keyset(after), limit });
    let removed = 0;
    let events = 0;
    const linked: LinkedCounts = { trackingEvents: 0, inboundReports: 0, messageExtras: 0 };
    const done = withinBudget(rows, (row) => {
      if (row.is_unfinished) return;
      events += this.messageEventsStatement.run(row.id, eventsUpTo).changes;
      const records = this.linked.deleteForMessage(row.id);
      linked.trackingEvents += records.trackingEvents;
      linked.inboundReports += records.inboundReports;
      linked.messageExtras += records.messageExtras;
      this.deleteMessageStatement.run(row.rowid);
      removed++;
    });
    return { removed, events, linked, next: last(done), isDone: done.length === rows.length && rows.length < limit };
  }

  /** Transcripts of every session older than `cutoff` (outbound ones, and sessions that submitted nothing). */
  transcripts(cutoff: number, after: Position | null, limit: number): StepResult {
    const rows = this.sessionsStatement.all({ cutoff, ...keyset(after), limit });
    let removed = 0;
    for (const row of rows) if (this.chunksStatement.run(row.id).changes) removed++;
    return { removed, next: last(rows) ?? after, isDone: rows.length < limit };
  }

  sessions(cutoff: number, limit: number): StepResult {
    const { changes } = this.deleteSessionsStatement.run(cutoff, limit);
    return { removed: changes, next: null, isDone: changes < limit };
  }

  /** Events older than `cutoff` that every consumer has read and no kept message owns. */
  events(cutoff: number, eventsUpTo: number, limit: number): StepResult {
    const { changes } = this.deleteEventsStatement.run({ cutoff, upTo: eventsUpTo, limit });
    return { removed: changes, next: null, isDone: changes < limit };
  }

  webhookRecords(cutoff: number, limit: number): StepResult {
    const outbox = this.deleteOutboxStatement.run(cutoff, limit).changes;
    const attempts = this.deleteAttemptsStatement.run(cutoff, limit).changes;
    return { removed: outbox + attempts, next: null, isDone: outbox < limit && attempts < limit };
  }

  /** The position every consumer of the events table has read up to. */
  eventsReadByAll(): number {
    return this.readByAllStatement.get()!.id;
  }
}

/**
 * Freeing a large body costs far more than a small one, so a batch also ends once it has
 * worked this long: the writer, and the SMTP sessions waiting on its commits, are never
 * held for more than a few milliseconds. Returns the rows handled.
 */
const BATCH_BUDGET_MS = 8;

function withinBudget<T>(rows: T[], handle: (row: T) => void): T[] {
  const started = performance.now();
  for (let i = 0; i < rows.length; i++) {
    handle(rows[i]!);
    if (performance.now() - started > BATCH_BUDGET_MS) return rows.slice(0, i + 1);
  }
  return rows;
}

export function keyset(after: Position | null): { afterAt: number; afterRowid: number } {
  return after ? { afterAt: after.at, afterRowid: after.rowid } : { afterAt: -1, afterRowid: -1 };
}

export function last(rows: Array<{ at: number; rowid: number }>): Position | null {
  const row = rows.at(-1);
  return row ? { at: row.at, rowid: row.rowid } : null;
}
