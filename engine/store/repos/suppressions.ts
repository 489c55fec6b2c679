// Suppressions: addresses not to send to, globally, per stream or per sender domain.
import type { WriteDb } from '../database';
import type { SuppressionReason, SuppressionScope, SuppressionView } from '../../api/contract';

interface SuppressionRow {
  id: number;
  address: string;
  scope: SuppressionScope;
  scope_value: string;
  reason: SuppressionReason;
  detail: string | null;
  source_message_id: string | null;
  created_at: number;
}

function rowToView(row: SuppressionRow): SuppressionView {
  return {
    id: row.id,
    address: row.address,
    scope: row.scope,
    scopeValue: row.scope_value,
    reason: row.reason,
    detail: row.detail,
    sourceMessageId: row.source_message_id,
    createdAt: row.created_at,
  };
}

export type NewSuppression = Omit<SuppressionView, 'id'>;

export class SuppressionsRepo {
  private readonly matchStatement;
  private readonly insertStatement;
  private readonly deleteStatement;
  private readonly countStatement;

  constructor(private readonly db: WriteDb) {
    // One indexed probe per scope (the UNIQUE index covers address, scope, scope_value).
    this.matchStatement = db.prepare<{ address: string; stream: string; domain: string }, SuppressionRow>(`
      SELECT * FROM suppressions WHERE address = @address AND (
        (scope = 'global' AND scope_value = '') OR (scope = 'stream' AND scope_value = @stream)
        OR (scope = 'domain' AND scope_value = @domain))
      ORDER BY CASE scope WHEN 'global' THEN 0 WHEN 'stream' THEN 1 ELSE 2 END LIMIT 1`);
    this.insertStatement = db.prepare(`INSERT INTO suppressions
      (address, scope, scope_value, reason, detail, source_message_id, created_at)
      VALUES (@address, @scope, @scopeValue, @reason, @detail, @sourceMessageId, @createdAt)
      ON CONFLICT (address, scope, scope_value) DO NOTHING`);
    this.deleteStatement = db.prepare('DELETE FROM suppressions WHERE id = ?');
    this.countStatement = db.prepare<[], { count: number }>('SELECT COUNT(*) AS count FROM suppressions');
  }

  /** The entry that suppresses this address for this stream and sender domain, if any. */
  match(address: string, stream: string, senderDomain: string): SuppressionView | undefined {
    const row = this.matchStatement.get({ address, stream, domain: senderDomain });
    return row && rowToView(row);
  }

  /** Adds an entry; false when the same address and scope were already suppressed. */
  add(entry: NewSuppression): boolean {
    return this.insertStatement.run(entry).changes > 0;
  }

  remove(id: number): boolean {
    return this.deleteStatement.run(id).changes > 0;
  }

  count(): number {
    return this.countStatement.get()!.count;
  }

  /** Newest first; `search` matches a part of the address. */
  list(filter: { search?: string; scope?: SuppressionScope; reason?: SuppressionReason }, beforeId: number | null, limit: number): SuppressionView[] {
    const clauses: string[] = [];
    const params: Record<string, unknown> = { limit };
    if (beforeId !== null) {
      clauses.push('id < @beforeId');
      params.beforeId = beforeId;
    }
    if (filter.search) {
      clauses.push("address LIKE @search ESCAPE '!'");
      params.search = `%${filter.search.replace(/[!%_]/g, (c) => `!${c}`)}%`;
    }
    if (filter.scope) {
      clauses.push('scope = @scope');
      params.scope = filter.scope;
    }
    if (filter.reason) {
      clauses.push('reason = @reason');
      params.reason = filter.reason;
    }
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
    return (this.db.prepare(`SELECT * FROM suppressions ${where} ORDER BY id DESC LIMIT @limit`).all(params) as SuppressionRow[]).map(rowToView);
  }
}
