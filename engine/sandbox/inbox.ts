// Sandbox inboxes: the mail routed to the sandbox, per credential (trusted-network mail has
// none), newest first, read through the partial index of migration 0070.
import type { Page, SandboxInbox, SandboxMessageSummary } from '../api/contract';
import type { Store } from '../store/index';
import { ValidationError } from '../shared/errors';

interface SummaryRow {
  id: string;
  received_at: number;
  credential_id: number | null;
  mail_from: string;
  header_from: string | null;
  subject: string | null;
  size: number;
}

export interface InboxFilter {
  /** undefined: every inbox; null: trusted-network mail. */
  credentialId?: number | null;
  /** Part of the subject, sender or a recipient address. */
  search?: string;
}

function encodeCursor(row: SummaryRow): string {
  return Buffer.from(JSON.stringify([row.received_at, row.id])).toString('base64url');
}

function decodeCursor(cursor: string): { receivedAt: number; id: string } {
  try {
    const [receivedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof receivedAt === 'number' && typeof id === 'string') return { receivedAt, id };
  } catch {
    // fall through to the validation error
  }
  throw new ValidationError('cursor is not one this API returned.', { field: 'cursor' });
}

export class SandboxInboxes {
  constructor(private readonly store: Store) {}

  inboxes(): SandboxInbox[] {
    const rows = this.store.db.prepare(`SELECT m.credential_id AS credentialId, COUNT(*) AS messages, MAX(m.received_at) AS lastReceivedAt,
        c.username AS username, c.name AS name
      FROM messages m LEFT JOIN credentials c ON c.id = m.credential_id
      WHERE m.route = 'sandbox' GROUP BY m.credential_id ORDER BY lastReceivedAt DESC`).all() as Array<SandboxInbox & { name: string | null }>;
    return rows.map((row) => ({ ...row, name: row.credentialId === null ? 'Trusted networks' : (row.name ?? `credential ${row.credentialId}`) }));
  }

  messages(filter: InboxFilter, cursor: string | undefined, limit: number): Page<SandboxMessageSummary> {
    const clauses = [`m.route = 'sandbox'`];
    const params: Record<string, unknown> = { limit: limit + 1 };
    if (filter.credentialId !== undefined) {
      clauses.push('m.credential_id IS @credentialId');
      params.credentialId = filter.credentialId;
    }
    if (cursor !== undefined) {
      const after = decodeCursor(cursor);
      clauses.push('(m.received_at, m.id) < (@receivedAt, @id)');
      Object.assign(params, after);
    }
    if (filter.search) {
      clauses.push(`(m.subject LIKE @search ESCAPE '!' OR m.mail_from LIKE @search ESCAPE '!'
        OR EXISTS (SELECT 1 FROM recipients r WHERE r.message_id = m.id AND r.address LIKE @search ESCAPE '!'))`);
      params.search = `%${filter.search.replace(/[!%_]/g, (c) => `!${c}`)}%`;
    }
    const rows = this.store.db.prepare(`SELECT m.id, m.received_at, m.credential_id, m.mail_from, m.header_from, m.subject, m.size
      FROM messages m WHERE ${clauses.join(' AND ')} ORDER BY m.received_at DESC, m.id DESC LIMIT @limit`).all(params) as SummaryRow[];
    const hasMore = rows.length > limit;
    if (hasMore) rows.pop();
    return { items: rows.map((row) => this.summary(row)), nextCursor: hasMore ? encodeCursor(rows.at(-1)!) : null };
  }

  /** One captured message's summary; undefined when the id is unknown or not sandbox mail. */
  get(id: string): SandboxMessageSummary | undefined {
    const row = this.store.db.prepare(`SELECT id, received_at, credential_id, mail_from, header_from, subject, size
      FROM messages WHERE id = ? AND route = 'sandbox'`).get(id) as SummaryRow | undefined;
    return row && this.summary(row);
  }

  private summary(row: SummaryRow): SandboxMessageSummary {
    return {
      id: row.id, receivedAt: row.received_at, credentialId: row.credential_id, mailFrom: row.mail_from, headerFrom: row.header_from,
      subject: row.subject, size: row.size,
      recipients: this.store.recipients.byMessage(row.id).map((r) => ({ address: r.address, state: r.state, lastReply: r.lastReply })),
    };
  }
}
