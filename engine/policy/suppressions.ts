// The suppression list: search, add and remove by hand, import and export CSV, with a
// preview of how many queued recipients an import would stop.
import type { Page, SuppressionImportReport, SuppressionReason, SuppressionScope, SuppressionView } from '../api/contract';
import type { Store } from '../store/index';
import type { Clock } from '../shared/clock';
import { parseCsv, writeCsv } from '../shared/csv';
import { isValidDomain, normalizeDomain } from '../shared/domains';
import { ValidationError } from '../shared/errors';

const ADDRESS = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;
const ADDRESS_COLUMNS = ['email', 'address', 'email address', 'email_address', 'recipient', 'e-mail'];
const MAX_REJECTED_LISTED = 100;

export class SuppressionService {
  constructor(private readonly store: Store, private readonly clock: Clock) {}

  list(filter: { search?: string; scope?: SuppressionScope; reason?: SuppressionReason }, cursor: string | undefined, limit: number): Page<SuppressionView> {
    const beforeId = cursor === undefined ? null : Number(cursor);
    if (beforeId !== null && (!Number.isSafeInteger(beforeId) || beforeId < 1)) throw new ValidationError('cursor is not one this API returned.', { field: 'cursor' });
    const items = this.store.suppressions.list(filter, beforeId, limit + 1);
    const hasMore = items.length > limit;
    if (hasMore) items.pop();
    return { items, nextCursor: hasMore ? String(items.at(-1)!.id) : null };
  }

  async add(addresses: string[], scope: SuppressionScope, scopeValue: string | undefined, detail: string | null, reason: SuppressionReason = 'manual'): Promise<number> {
    const value = checkScope(scope, scopeValue);
    const bad = addresses.find((address) => !ADDRESS.test(address.trim()));
    if (bad !== undefined) throw new ValidationError(`"${bad}" is not an email address.`, { field: 'addresses', value: bad });
    const now = this.clock.now();
    return this.store.writer.commit(() => addresses.filter((address) => this.store.suppressions.add({
      address: address.trim(), scope, scopeValue: value, reason, detail, sourceMessageId: null, createdAt: now,
    })).length);
  }

  async remove(ids: number[]): Promise<number> {
    return this.store.writer.commit(() => ids.filter((id) => this.store.suppressions.remove(id)).length);
  }

  /** Reads addresses from a column named email/address (or the first column); `dryRun` changes nothing. */
  async importCsv(csv: string, scope: SuppressionScope, scopeValue: string | undefined, reason: SuppressionReason, dryRun: boolean): Promise<SuppressionImportReport> {
    const value = checkScope(scope, scopeValue);
    const rows = parseCsv(csv);
    const headerIndex = rows.length ? rows[0]!.fields.findIndex((f) => ADDRESS_COLUMNS.includes(f.trim().toLowerCase())) : -1;
    const column = headerIndex >= 0 ? headerIndex : 0;
    const dataRows = headerIndex >= 0 || (rows[0] && !ADDRESS.test((rows[0].fields[0] ?? '').trim())) ? rows.slice(1) : rows;
    const rejected: SuppressionImportReport['rejected'] = [];
    const addresses = new Map<string, string>();
    let rejectedCount = 0;
    for (const row of dataRows) {
      const address = (row.fields[column] ?? '').trim();
      if (!ADDRESS.test(address)) {
        rejectedCount++;
        if (rejected.length < MAX_REJECTED_LISTED) {
          rejected.push({ line: row.line, text: row.fields.join(',').slice(0, 200), reason: address ? `"${address}" is not an email address` : 'no address in the address column' });
        }
        continue;
      }
      addresses.set(address.toLowerCase(), address);
    }
    const now = this.clock.now();
    const list = [...addresses.values()];
    const existing = list.filter((address) => this.isSuppressedIn(address, scope, value)).length;
    const affectsQueued = this.countQueued(list, scope, value);
    const added = dryRun ? 0 : await this.store.writer.commit(() => list.filter((address) => this.store.suppressions.add({
      address, scope, scopeValue: value, reason, detail: 'imported from CSV', sourceMessageId: null, createdAt: now,
    })).length);
    return { valid: list.length, added, duplicates: existing, rejected: rejectedCount > rejected.length ? [...rejected, { line: 0, text: '', reason: `${rejectedCount - rejected.length} more rows rejected` }] : rejected, affectsQueued };
  }

  exportCsv(filter: { scope?: SuppressionScope; reason?: SuppressionReason }): { csv: string; count: number } {
    const rows: SuppressionView[] = [];
    for (let before: number | null = null; ;) {
      const page = this.store.suppressions.list(filter, before, 5000);
      rows.push(...page);
      if (page.length < 5000) break;
      before = page.at(-1)!.id;
    }
    const csv = writeCsv(['address', 'scope', 'scope_value', 'reason', 'detail', 'created_at'],
      rows.map((r) => [r.address, r.scope, r.scopeValue, r.reason, r.detail, new Date(r.createdAt).toISOString()]));
    return { csv, count: rows.length };
  }

  private isSuppressedIn(address: string, scope: SuppressionScope, value: string): boolean {
    const match = this.store.suppressions.match(address, scope === 'stream' ? value : '', scope === 'domain' ? value : '');
    return match !== undefined && match.scope === scope && match.scopeValue === value;
  }

  // Waiting recipients the new entries would stop: global hits every stream and sender.
  private countQueued(addresses: string[], scope: SuppressionScope, value: string): number {
    if (addresses.length === 0) return 0;
    const extra = scope === 'stream' ? 'AND r.stream = @value' : scope === 'domain' ? 'AND m.sender_domain = @value' : '';
    const row = this.store.db.prepare(`SELECT COUNT(*) AS count FROM recipients r JOIN messages m ON m.id = r.message_id
      WHERE r.state IN ('queued', 'deferred', 'held') AND r.address COLLATE NOCASE IN (SELECT value FROM json_each(@addresses)) ${extra}`)
      .get({ addresses: JSON.stringify(addresses), value }) as { count: number };
    return row.count;
  }
}

function checkScope(scope: SuppressionScope, scopeValue: string | undefined): string {
  if (scope === 'global') return '';
  if (scope === 'stream') {
    if (scopeValue !== 'transactional' && scopeValue !== 'bulk') throw new ValidationError('A stream suppression needs scopeValue transactional or bulk.', { field: 'scopeValue' });
    return scopeValue;
  }
  if (!scopeValue || !isValidDomain(scopeValue)) throw new ValidationError('A domain suppression needs scopeValue: the sender domain it applies to.', { field: 'scopeValue' });
  return normalizeDomain(scopeValue);
}

