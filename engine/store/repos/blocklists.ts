// Blocklist monitoring: the current state per target and list, the history of listings
// and delistings, and the source addresses deliveries have used (targets to watch).
import type { WriteDb } from '../database';
import type { BlocklistEntryView, BlocklistHistoryEntry } from '../../api/contract';

interface StatusRow {
  target: string;
  list: string;
  target_kind: BlocklistEntryView['targetKind'];
  state: BlocklistEntryView['state'];
  source: BlocklistEntryView['source'];
  detail: string | null;
  delist_url: string | null;
  error: string | null;
  error_kind: BlocklistEntryView['errorKind'];
  return_codes: string;
  since: number;
  checked_at: number;
}

export class BlocklistsRepo {
  private readonly listStatement;
  private readonly upsertStatement;
  private readonly removeStatement;
  private readonly historyInsert;
  private readonly historyByTarget;
  private readonly historyByTargetList;
  private readonly localAddresses;

  constructor(db: WriteDb) {
    this.listStatement = db.prepare<[], StatusRow>('SELECT * FROM blocklist_status ORDER BY target, list');
    this.upsertStatement = db.prepare(`INSERT INTO blocklist_status
        (target, list, target_kind, state, source, detail, delist_url, error, error_kind, return_codes, since, checked_at)
      VALUES (@target, @list, @targetKind, @state, @source, @detail, @delistUrl, @error, @errorKind, @returnCodes, @since, @checkedAt)
      ON CONFLICT (target, list) DO UPDATE SET state = excluded.state, source = excluded.source, detail = excluded.detail,
        delist_url = excluded.delist_url, error = excluded.error, error_kind = excluded.error_kind, return_codes = excluded.return_codes,
        since = excluded.since, checked_at = excluded.checked_at`);
    this.removeStatement = db.prepare<[string, string]>('DELETE FROM blocklist_status WHERE target = ? AND list = ?');
    this.historyInsert = db.prepare(`INSERT INTO blocklist_history (target, list, state, source, detail, at)
      VALUES (@target, @list, @state, @source, @detail, @at)`);
    const history = 'SELECT id, target, list, state, source, detail, at FROM blocklist_history WHERE target = @target';
    this.historyByTarget = db.prepare<[{ target: string; limit: number }], BlocklistHistoryEntry>(`${history} ORDER BY id DESC LIMIT @limit`);
    this.historyByTargetList = db.prepare<[{ target: string; list: string; limit: number }], BlocklistHistoryEntry>(`${history} AND list = @list ORDER BY id DESC LIMIT @limit`);
    this.localAddresses = db.prepare<[number], { address: string }>(`SELECT DISTINCT local_address AS address FROM attempts
      WHERE at >= ? AND local_address IS NOT NULL LIMIT 50`);
  }

  list(): BlocklistEntryView[] {
    return this.listStatement.all().map((row) => ({
      target: row.target, targetKind: row.target_kind, list: row.list, state: row.state, source: row.source, detail: row.detail,
      delistUrl: row.delist_url, error: row.error, errorKind: row.error_kind, returnCodes: JSON.parse(row.return_codes) as string[],
      since: row.since, checkedAt: row.checked_at,
    }));
  }

  save(entry: BlocklistEntryView): void {
    this.upsertStatement.run({ ...entry, returnCodes: JSON.stringify(entry.returnCodes) });
  }

  remove(target: string, list: string): void {
    this.removeStatement.run(target, list);
  }

  appendHistory(entry: Omit<BlocklistHistoryEntry, 'id'>): void {
    this.historyInsert.run(entry);
  }

  history(target: string, list: string | undefined, limit: number): BlocklistHistoryEntry[] {
    return list === undefined ? this.historyByTarget.all({ target, limit }) : this.historyByTargetList.all({ target, list, limit });
  }

  /** Source addresses deliveries used since `since` (what receivers saw us as). */
  recentLocalAddresses(since: number): string[] {
    return this.localAddresses.all(since).map((row) => row.address);
  }
}
