// Recipients: one row per recipient of a message, carrying its delivery state.
import type { WriteDb } from '../database';
import type { QueueEntry, QueueFilter, RecipientState, Stream } from '../../api/contract';

export interface NewRecipient {
  address: string;
  domain: string;
  /** `suppressed` when a suppression matched at intake; `reason` says which. */
  state: 'queued' | 'suppressed';
  reason: string | null;
  /** RFC 3461 NOTIFY values as given at RCPT, comma-joined. */
  dsnNotify: string | null;
  dsnOrcpt: string | null;
}

interface QueueEntryRow {
  id: number;
  message_id: string;
  address: string;
  domain: string;
  stream: Stream;
  state: RecipientState;
  attempts: number;
  next_attempt_at: number;
  expires_at: number;
  last_reply: string | null;
  reason: string | null;
  created_at: number;
  updated_at: number;
  mail_from: string;
  subject: string | null;
  size: number;
}

function rowToEntry(row: QueueEntryRow): QueueEntry {
  return {
    recipientId: row.id,
    messageId: row.message_id,
    address: row.address,
    domain: row.domain,
    stream: row.stream,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    expiresAt: row.expires_at,
    lastReply: row.last_reply,
    reason: row.reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    mailFrom: row.mail_from,
    subject: row.subject,
    size: row.size,
  };
}

const ENTRY_SELECT = `SELECT r.id, r.message_id, r.address, r.domain, r.stream, r.state, r.attempts,
  r.next_attempt_at, r.expires_at, r.last_reply, r.reason, r.created_at, r.updated_at,
  m.mail_from, m.subject, m.size
  FROM recipients r JOIN messages m ON m.id = r.message_id`;

export class RecipientsRepo {
  private readonly insertStatement;
  private readonly byMessageStatement;
  private readonly countStatement;

  constructor(private readonly db: WriteDb) {
    this.insertStatement = db.prepare(`
      INSERT INTO recipients (message_id, address, domain, stream, state, reason, next_attempt_at, expires_at,
        dsn_notify, dsn_orcpt, created_at, updated_at)
      VALUES (@messageId, @address, @domain, @stream, @state, @reason, @now, @expiresAt,
        @dsnNotify, @dsnOrcpt, @now, @now)`);
    this.byMessageStatement = db.prepare<[string], QueueEntryRow>(`${ENTRY_SELECT} WHERE r.message_id = ? ORDER BY r.id`);
    this.countStatement = db.prepare<[], { stream: Stream; state: RecipientState; count: number }>(
      'SELECT stream, state, COUNT(*) AS count FROM recipients GROUP BY stream, state');
  }

  insertForMessage(messageId: string, stream: Stream, recipients: NewRecipient[], now: number, expiresAt: number): void {
    for (const recipient of recipients) {
      this.insertStatement.run({ messageId, stream, now, expiresAt, ...recipient });
    }
  }

  byMessage(messageId: string): QueueEntry[] {
    return this.byMessageStatement.all(messageId).map(rowToEntry);
  }

  countsByStreamAndState(): Array<{ stream: Stream; state: RecipientState; count: number }> {
    return this.countStatement.all();
  }

  /** Keyset-paginated list in recipient id order (= arrival order). */
  list(filter: QueueFilter, afterId: number, limit: number): QueueEntry[] {
    const where = queueWhere(filter, 'r.');
    const sql = `${ENTRY_SELECT} WHERE r.id > @afterId${where.sql ? ` AND ${where.sql}` : ''} ORDER BY r.id LIMIT @limit`;
    return (this.db.prepare(sql).all({ ...where.params, afterId, limit }) as QueueEntryRow[]).map(rowToEntry);
  }
}

/**
 * A WHERE clause for a queue filter. Values are bound as parameters; the states come
 * from a closed union checked at the boundary, and are bound too.
 */
export function queueWhere(filter: QueueFilter, prefix = ''): { sql: string; params: Record<string, unknown> } {
  const clauses: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.states?.length) {
    clauses.push(`${prefix}state IN (${filter.states.map((_, i) => `@state${i}`).join(', ')})`);
    filter.states.forEach((state, i) => (params[`state${i}`] = state));
  }
  if (filter.stream) {
    clauses.push(`${prefix}stream = @stream`);
    params.stream = filter.stream;
  }
  if (filter.domain) {
    clauses.push(`${prefix}domain = @domain`);
    params.domain = filter.domain.toLowerCase();
  }
  if (filter.messageId) {
    clauses.push(`${prefix}message_id = @messageId`);
    params.messageId = filter.messageId;
  }
  if (filter.address) {
    clauses.push(`${prefix}address = @address COLLATE NOCASE`);
    params.address = filter.address;
  }
  return { sql: clauses.join(' AND '), params };
}
