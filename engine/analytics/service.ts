// Analytics as the contract sees it: reports, CSV, the dimensions seen, and a rebuild
// that recounts from the stored events.
import { setTimeout as delay } from 'node:timers/promises';
import type { AnalyticsQuery, AnalyticsReport, Provider } from '../api/contract';
import type { Store } from '../store/index';
import type { EventFeed } from '../events/index';
import { ValidationError } from '../shared/errors';
import { analyticsCsv, RollupReader } from './report';
import { PROVIDERS } from './providers';

const DAY = 86_400_000;
const SYNC_WAIT_MS = 2000;
/** Hourly rows over more than this are a mistake (and a large answer); ask for days. */
const MAX_HOURLY_RANGE_MS = 93 * DAY;

export class AnalyticsService {
  private readonly reader: RollupReader;

  constructor(private readonly store: Store, private readonly feed: EventFeed) {
    this.reader = new RollupReader(store.db);
  }

  async query(query: AnalyticsQuery): Promise<AnalyticsReport> {
    check(query);
    // Counts are read after the feed has caught up with what is stored, so a report right
    // after activity includes it; a feed far behind (a rebuild) does not hold the answer up.
    await Promise.race([this.feed.sync(), delay(SYNC_WAIT_MS, undefined, { ref: false })]);
    return { ...this.reader.read(query), pendingEvents: this.feed.backlog() };
  }

  async exportCsv(query: AnalyticsQuery): Promise<{ csv: string; rows: number }> {
    const { rows } = await this.query(query);
    return { csv: analyticsCsv(rows), rows: rows.length };
  }

  dimensions(from: number, to: number): { senderDomains: string[]; providers: Provider[] } {
    const rows = this.store.db.prepare<[number, number], { sender_domain: string; provider: Provider }>(`SELECT DISTINCT sender_domain, provider
      FROM analytics_rollups WHERE granularity = 'day' AND bucket_at >= ? AND bucket_at < ?`).all(from - (from % DAY), to);
    const seen = new Set(rows.map((row) => row.provider));
    return { senderDomains: [...new Set(rows.map((row) => row.sender_domain))].sort(), providers: PROVIDERS.filter((p) => seen.has(p)) };
  }

  /**
   * Recounts from the first whole UTC day still covered by stored events; older rollups
   * (their events gone to retention) stay as they are. The feed then catches up in batches.
   */
  async rebuild(): Promise<{ from: number; events: number }> {
    const result = await this.store.writer.commit((db) => {
      const oldest = (db.prepare('SELECT MIN(at) AS at FROM events').get() as { at: number | null }).at;
      if (oldest === null) return { from: 0, events: 0 };
      const from = oldest % DAY === 0 ? oldest : oldest - (oldest % DAY) + DAY;
      const first = db.prepare<[number], { id: number | null; count: number }>('SELECT MIN(id) AS id, COUNT(*) AS count FROM events WHERE at >= ?').get(from)!;
      db.prepare('DELETE FROM analytics_rollups WHERE bucket_at >= ?').run(from);
      db.prepare(`INSERT INTO event_cursors (name, last_event_id, floor_at) VALUES ('analytics', @last, @from)
        ON CONFLICT (name) DO UPDATE SET last_event_id = excluded.last_event_id, floor_at = excluded.floor_at`)
        .run({ last: first.id === null ? (db.prepare('SELECT MAX(id) AS id FROM events').get() as { id: number }).id : first.id - 1, from });
      return { from, events: first.count };
    });
    this.feed.wake();
    return result;
  }
}

function check(query: AnalyticsQuery): void {
  if (query.to <= query.from) throw new ValidationError('`to` must be after `from`.', { field: 'to' });
  if (query.granularity === 'hour' && query.to - query.from > MAX_HOURLY_RANGE_MS) {
    throw new ValidationError('Hourly rollups cover at most 93 days per query; use granularity "day" for longer ranges.', { field: 'granularity' });
  }
}
