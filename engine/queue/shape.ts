// The queue by destination and age, in Postfix qshape's doubling buckets.
import type { QueueShape, Stream } from '../api/contract';
import type { Store } from '../store/index';

// Upper bounds in minutes, as qshape prints them (5 10 20 ... 1280, then everything older).
const BUCKETS = [5, 10, 20, 40, 80, 160, 320, 640, 1280];

// Ages are only in the recipients rows, so the shape reads every waiting row: on the store
// worker's own connection, as a million-row report must not stall SMTP sessions.
export async function queueShape(store: Store, now: number, options: { stream?: Stream; states: string[]; limit: number }): Promise<QueueShape> {
  const cases = BUCKETS.map((max, i) => `WHEN age < ${max} THEN ${i}`).join(' ');
  const rows = await store.readOffThread<{ domain: string; bucket: number; count: number }>(`SELECT domain, bucket, COUNT(*) AS count FROM (
      SELECT domain, CASE ${cases} ELSE ${BUCKETS.length} END AS bucket
      FROM (SELECT domain, (@now - created_at) / 60000 AS age FROM recipients
        WHERE state IN (SELECT value FROM json_each(@states)) ${options.stream ? 'AND stream = @stream' : ''}))
    GROUP BY domain, bucket`, { now, states: JSON.stringify(options.states), stream: options.stream ?? null });
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
