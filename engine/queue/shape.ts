// The queue by destination and age, in Postfix qshape's doubling buckets, and the
// destinations with the most waiting mail.
import type { QueueShape, Stream } from '../api/contract';
import type { Store } from '../store/index';

// Upper bounds in minutes, as qshape prints them (5 10 20 ... 1280, then everything older).
const BUCKETS = [5, 10, 20, 40, 80, 160, 320, 640, 1280];

export function queueShape(store: Store, now: number, options: { stream?: Stream; states: string[]; limit: number }): QueueShape {
  const cases = BUCKETS.map((max, i) => `WHEN age < ${max} THEN ${i}`).join(' ');
  const rows = store.db.prepare(`SELECT domain, bucket, COUNT(*) AS count FROM (
      SELECT domain, CASE ${cases} ELSE ${BUCKETS.length} END AS bucket
      FROM (SELECT domain, (@now - created_at) / 60000 AS age FROM recipients
        WHERE state IN (SELECT value FROM json_each(@states)) ${options.stream ? 'AND stream = @stream' : ''}))
    GROUP BY domain, bucket`).all({ now, states: JSON.stringify(options.states), stream: options.stream ?? null }) as Array<{ domain: string; bucket: number; count: number }>;
  const byDomain = new Map<string, number[]>();
  const totals = new Array<number>(BUCKETS.length + 1).fill(0);
  for (const row of rows) {
    let buckets = byDomain.get(row.domain);
    if (!buckets) byDomain.set(row.domain, (buckets = new Array<number>(BUCKETS.length + 1).fill(0)));
    buckets[row.bucket] = row.count;
    totals[row.bucket]! += row.count;
  }
  const all = [...byDomain].map(([domain, buckets]) => ({ domain, buckets, total: buckets.reduce((a, b) => a + b, 0) }));
  all.sort((a, b) => b.total - a.total || a.domain.localeCompare(b.domain));
  return {
    bucketLabels: [...BUCKETS.map((max, i) => `${i === 0 ? 0 : BUCKETS[i - 1]}-${max} min`), `${BUCKETS.at(-1)}+ min`],
    bucketMaxMinutes: [...BUCKETS, null],
    rows: all.slice(0, options.limit),
    totals,
    total: totals.reduce((a, b) => a + b, 0),
  };
}

/** Waiting recipients per domain (queued, deferred, held), most first. */
export function waitingByDomain(store: Store, limit: number): Array<{ domain: string; queued: number; deferred: number; held: number }> {
  return store.db.prepare(`SELECT domain,
      SUM(state = 'queued') AS queued, SUM(state = 'deferred') AS deferred, SUM(state = 'held') AS held
    FROM recipients WHERE state IN ('queued', 'deferred', 'held')
    GROUP BY domain ORDER BY COUNT(*) DESC, domain LIMIT ?`).all(limit) as Array<{ domain: string; queued: number; deferred: number; held: number }>;
}
