// Message search, newest first with keyset pages. Rows of `messages` carry the raw
// message and are costly to visit, so a page is found on indexes alone (time, stream,
// sender and subject come from messages_by_received_at; recipients and states from the
// recipients indexes) and only the rows of the page are read.
import type { MessageSearch, MessageSummary, Page, RecipientState } from '../api/contract';
import type { WriteDb } from '../store/index';
import { ValidationError } from '../shared/errors';
import { normalizeDomain } from '../shared/domains';

/**
 * A recipient-side criterion matching at most this many recipients drives the query (its
 * messages are collected and sorted); a broader one is checked per message while walking
 * the time index, where matches are frequent enough to fill a page early.
 */
const SELECTIVE_LIMIT = 5000;

interface Clause {
  sql: string;
  params: Record<string, unknown>;
}

interface Cursor {
  at: number;
  rowid: number;
}

export class MessageSearchService {
  constructor(private readonly db: WriteDb) {}

  search(criteria: MessageSearch, limit: number): Page<MessageSummary> {
    const clauses: Clause[] = [];
    const after = criteria.cursor === undefined ? null : decodeCursor(criteria.cursor);
    if (after) clauses.push({ sql: '(m.received_at, m.rowid) < (@cursorAt, @cursorRowid)', params: { cursorAt: after.at, cursorRowid: after.rowid } });
    if (criteria.from !== undefined) clauses.push({ sql: 'm.received_at >= @from', params: { from: criteria.from } });
    if (criteria.to !== undefined) clauses.push({ sql: 'm.received_at < @to', params: { to: criteria.to } });
    if (criteria.stream) clauses.push({ sql: 'm.stream = @stream', params: { stream: criteria.stream } });
    if (criteria.sender) clauses.push({ sql: `m.mail_from LIKE @sender ESCAPE '\\'`, params: { sender: contains(criteria.sender) } });
    if (criteria.subject) clauses.push({ sql: `m.subject LIKE @subject ESCAPE '\\'`, params: { subject: contains(criteria.subject) } });
    if (criteria.messageId) clauses.push(messageIdClause(criteria.messageId));
    if (criteria.recipient) clauses.push(this.recipientClause(criteria.recipient));
    if (criteria.state) clauses.push(this.stateClause(criteria.state));
    const where = clauses.length ? `WHERE ${clauses.map((c) => c.sql).join(' AND ')}` : '';
    const params = Object.assign({ limit: limit + 1 }, ...clauses.map((c) => c.params)) as Record<string, unknown>;
    const found = this.db.prepare(`SELECT m.rowid AS rowid, m.received_at AS at FROM messages m ${where}
      ORDER BY m.received_at DESC, m.rowid DESC LIMIT @limit`).all(params) as Cursor[];
    const hasMore = found.length > limit;
    if (hasMore) found.pop();
    const last = found.at(-1);
    return { items: this.summaries(found.map((row) => row.rowid)), nextCursor: hasMore && last ? encodeCursor(last) : null };
  }

  private recipientClause(recipient: string): Clause {
    if (recipient.startsWith('@')) {
      const domain = normalizeDomain(recipient.slice(1));
      const sql = 'SELECT message_id FROM recipients WHERE domain = @recipientDomain';
      return this.isSelective(`${sql} LIMIT ${SELECTIVE_LIMIT + 1}`, { recipientDomain: domain })
        ? { sql: `m.id IN (${sql})`, params: { recipientDomain: domain } }
        : { sql: 'EXISTS (SELECT 1 FROM recipients r WHERE r.message_id = m.id AND r.domain = @recipientDomain)', params: { recipientDomain: domain } };
    }
    const sql = 'SELECT message_id FROM recipients WHERE address = @recipient COLLATE NOCASE';
    return this.isSelective(`${sql} LIMIT ${SELECTIVE_LIMIT + 1}`, { recipient })
      ? { sql: `m.id IN (${sql})`, params: { recipient } }
      : { sql: 'EXISTS (SELECT 1 FROM recipients r WHERE r.message_id = m.id AND r.address = @recipient COLLATE NOCASE)', params: { recipient } };
  }

  private stateClause(state: RecipientState): Clause {
    const sql = 'SELECT message_id FROM recipients WHERE state = @state';
    return this.isSelective(`${sql} LIMIT ${SELECTIVE_LIMIT + 1}`, { state })
      ? { sql: `m.id IN (${sql})`, params: { state } }
      : { sql: 'EXISTS (SELECT 1 FROM recipients r WHERE r.message_id = m.id AND r.state = @state)', params: { state } };
  }

  // Counting stops at the limit, so the check costs at most SELECTIVE_LIMIT index entries.
  private isSelective(sql: string, params: Record<string, unknown>): boolean {
    return (this.db.prepare(`SELECT COUNT(*) AS count FROM (${sql})`).get(params) as { count: number }).count <= SELECTIVE_LIMIT;
  }

  private summaries(rowids: number[]): MessageSummary[] {
    if (rowids.length === 0) return [];
    const rows = this.db.prepare(`SELECT rowid, id, received_at AS receivedAt, stream, mail_from AS mailFrom, subject,
      message_id_header AS messageIdHeader, size, recipient_count AS recipientCount, raw IS NOT NULL AS hasRaw
      FROM messages WHERE rowid IN (SELECT value FROM json_each(?))`).all(JSON.stringify(rowids)) as Array<Omit<MessageSummary, 'states' | 'isRawAvailable'> & { rowid: number; hasRaw: number }>;
    const states = new Map<string, MessageSummary['states']>();
    const counted = this.db.prepare(`SELECT message_id AS messageId, state, COUNT(*) AS count FROM recipients
      WHERE message_id IN (SELECT value FROM json_each(?)) GROUP BY message_id, state`).all(JSON.stringify(rows.map((row) => row.id))) as Array<{ messageId: string; state: RecipientState; count: number }>;
    for (const { messageId, state, count } of counted) states.set(messageId, { ...states.get(messageId), [state]: count });
    const byRowid = new Map(rows.map((row) => [row.rowid, row]));
    return rowids.map((rowid) => byRowid.get(rowid)!).map(({ rowid: _rowid, hasRaw, ...row }) => ({ ...row, states: states.get(row.id) ?? {}, isRawAvailable: hasRaw === 1 }));
  }
}

/** A queue id, or a Message-ID header with or without its angle brackets. */
function messageIdClause(value: string): Clause {
  const bare = value.trim().replace(/^<|>$/g, '');
  return { sql: '(m.id = @messageId OR m.message_id_header IN (@bracketed, @bare))', params: { messageId: value.trim(), bracketed: `<${bare}>`, bare } };
}

function contains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.rowid])).toString('base64url');
}

function decodeCursor(cursor: string): Cursor {
  try {
    const [at, rowid] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (Number.isInteger(at) && Number.isInteger(rowid)) return { at: at as number, rowid: rowid as number };
  } catch {
    // fall through to the validation error
  }
  throw new ValidationError('cursor is not one this API returned.', { field: 'cursor' });
}
