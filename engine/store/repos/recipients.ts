// Recipients: one row per recipient of a message, carrying its delivery state.
import type { WriteDb } from '../database';
import type { QueueEntry, QueueFilter, QueueSort, RecipientState, Stream } from '../../api/contract';

export interface QueueCursor {
  value: number;
  id: number;
}

// Sort keys map to columns from this closed set only; values are always bound.
const SORT_COLUMNS: Record<QueueSort, string> = { createdAt: 'r.id', nextAttemptAt: 'r.next_attempt_at', updatedAt: 'r.updated_at' };

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

  /**
   * One keyset page. Creation order is the primary key (ids grow with time); the other
   * orders pair their column with the id so every row has exactly one place.
   */
  page(filter: QueueFilter, sort: QueueSort, order: 'asc' | 'desc', after: QueueCursor | null, limit: number): QueueEntry[] {
    const where = queueWhere(filter, 'r.');
    const column = SORT_COLUMNS[sort];
    const direction = order === 'asc' ? 'ASC' : 'DESC';
    const comparison = order === 'asc' ? '>' : '<';
    const clauses = where.sql ? [where.sql] : [];
    const params: Record<string, unknown> = { ...where.params, limit };
    if (after) {
      clauses.push(column === 'r.id' ? `r.id ${comparison} @afterId` : `(${column}, r.id) ${comparison} (@afterValue, @afterId)`);
      params.afterId = after.id;
      params.afterValue = after.value;
    }
    const order_by = column === 'r.id' ? `r.id ${direction}` : `${column} ${direction}, r.id ${direction}`;
    const sql = `${ENTRY_SELECT} ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''} ORDER BY ${order_by} LIMIT @limit`;
    return (this.db.prepare(sql).all(params) as QueueEntryRow[]).map(rowToEntry);
  }

  count(filter: QueueFilter): number {
    const where = queueWhere(filter);
    return (this.db.prepare(`SELECT COUNT(*) AS count FROM recipients ${where.sql ? `WHERE ${where.sql}` : ''}`).get(where.params) as { count: number }).count;
  }

  /** Keyset-paginated list in arrival order. */
  list(filter: QueueFilter, afterId: number, limit: number): QueueEntry[] {
    return this.page(filter, 'createdAt', 'asc', afterId ? { value: afterId, id: afterId } : null, limit);
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
