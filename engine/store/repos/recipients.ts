// Recipients: one row per recipient of a message, carrying its delivery state.
import type { WriteDb } from '../database';
import type { QueueEntry, QueueFilter, QueueSort, RecipientState, Stream } from '../../api/contract';
import type { RecipientCountsRepo } from './recipient-counts';

export interface QueueCursor {
  value: number;
  id: number;
}

// Sort keys map to columns from this closed set only; values are always bound.
const SORT_COLUMNS: Record<QueueSort, string> = { createdAt: 'id', nextAttemptAt: 'next_attempt_at', updatedAt: 'updated_at' };
/** The (state, <sort>, id) index of each sort other than creation order. */
const SORT_INDEXES: Partial<Record<QueueSort, string>> = { nextAttemptAt: 'recipients_by_state_next', updatedAt: 'recipients_by_state_updated_id' };
const DOMAIN_INDEX = 'recipients_by_domain_state_id';
export const RECIPIENT_STATES: readonly RecipientState[] = ['queued', 'sending', 'deferred', 'delivered', 'bounced', 'suppressed', 'expired', 'held'];

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

const entrySelect = (index: string | null = null) => `SELECT r.id, r.message_id, r.address, r.domain, r.stream, r.state, r.attempts,
  r.next_attempt_at, r.expires_at, r.last_reply, r.reason, r.created_at, r.updated_at,
  m.mail_from, m.subject, m.size
  FROM recipients r ${index ? `INDEXED BY ${index}` : ''} JOIN messages m ON m.id = r.message_id`;
const ENTRY_SELECT = entrySelect();

export class RecipientsRepo {
  private readonly insertStatement;
  private readonly byMessageStatement;
  private readonly countStatement;

  constructor(private readonly db: WriteDb, private readonly counts: RecipientCountsRepo) {
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
   * One keyset page. `state IN (...) ORDER BY ...` would make SQLite sort every matching
   * row; instead each state is read in index order (state, <sort>, id), at most one page
   * from each, and only those rows are merged. Creation order is the primary key: ids
   * grow with time. Every order pairs its column with the id so each row has one place.
   */
  page(filter: QueueFilter, sort: QueueSort, order: 'asc' | 'desc', after: QueueCursor | null, limit: number): QueueEntry[] {
    const { sql, params } = this.pageQuery(filter, sort, order, after, limit);
    return (this.db.prepare(sql).all(params) as QueueEntryRow[]).map(rowToEntry);
  }

  /** The SQL `page` runs, for benchmarks to explain. */
  pageQuery(filter: QueueFilter, sort: QueueSort, order: 'asc' | 'desc', after: QueueCursor | null, limit: number): { sql: string; params: Record<string, unknown> } {
    const states = filter.states?.length ? filter.states : RECIPIENT_STATES;
    const rest = queueWhere({ ...filter, states: undefined }, 'r.');
    const column = SORT_COLUMNS[sort];
    const direction = order === 'asc' ? 'ASC' : 'DESC';
    const comparison = order === 'asc' ? '>' : '<';
    const params: Record<string, unknown> = { ...rest.params, limit };
    const clauses = rest.sql ? [rest.sql] : [];
    if (after) {
      clauses.push(column === 'id' ? `r.id ${comparison} @afterId` : `(r.${column}, r.id) ${comparison} (@afterValue, @afterId)`);
      params.afterId = after.id;
      params.afterValue = after.value;
    }
    const orderBy = (prefix: string) => (column === 'id' ? `${prefix}id ${direction}` : `${prefix}${column} ${direction}, ${prefix}id ${direction}`);
    const indexFor = this.domainSortPlanner(filter, sort, limit);
    const parts = states.map((state, i) => {
      params[`state${i}`] = state;
      const where = [`r.state = @state${i}`, ...clauses].join(' AND ');
      return `SELECT * FROM (${entrySelect(indexFor(state))} WHERE ${where} ORDER BY ${orderBy('r.')} LIMIT @limit)`;
    });
    const sql = parts.length === 1 ? parts[0]! : `SELECT * FROM (${parts.join(' UNION ALL ')}) ORDER BY ${orderBy('')} LIMIT @limit`;
    return { sql, params };
  }

  /**
   * A domain sorted by next attempt or last change has two ways to a page: the domain's
   * rows through (domain, state, id), all sorted, or the sort's own index walked in order
   * skipping other domains, which finds a page after about limit x all / domain rows.
   * SQLite has no statistics (the engine never runs ANALYZE) and was seen to pick the
   * walk for a domain of five rows among 450,000: the shorter way is chosen here.
   */
  private domainSortPlanner(filter: QueueFilter, sort: QueueSort, limit: number): (state: RecipientState) => string | null {
    const sortIndex = SORT_INDEXES[sort];
    if (!filter.domain || !sortIndex || filter.messageId || filter.address) return () => null;
    const shares = this.counts.domainShare(filter.domain);
    return (state) => {
      const share = shares.get(state);
      const isWalkShorter = share !== undefined && share.domain > 0 && (limit * share.all) / share.domain < share.domain;
      return isWalkShorter ? sortIndex : DOMAIN_INDEX;
    };
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
