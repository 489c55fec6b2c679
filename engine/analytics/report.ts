// Reading rollups: rows of a range merged per bucket and chosen dimensions, rates and
// delivery-time percentiles computed from the merged counts, and the CSV export.
import type { AnalyticsCounts, AnalyticsQuery, AnalyticsRow, Provider, Stream } from '../api/contract';
import type { WriteDb } from '../store/index';
import { writeCsv } from '../shared/csv';
import { merge, percentile, type Histogram } from './histogram';

interface RollupRow extends AnalyticsCounts {
  bucket_at: number;
  stream: Stream;
  provider: Provider;
  sender_domain: string;
  latency: string;
}

interface Accumulator {
  row: AnalyticsRow;
  latency: Histogram;
}

const COUNT_FIELDS: ReadonlyArray<keyof AnalyticsCounts> = [
  'accepted', 'delivered', 'deferred', 'bounced', 'expired', 'suppressed', 'complaints', 'opens', 'clicks', 'unsubscribes',
];

export class RollupReader {
  private readonly rangeStatement;

  constructor(db: WriteDb) {
    this.rangeStatement = db.prepare<Record<string, unknown>, RollupRow>(`SELECT * FROM analytics_rollups
      WHERE granularity = @granularity AND bucket_at >= @from AND bucket_at < @to
        AND (@stream IS NULL OR stream = @stream) AND (@provider IS NULL OR provider = @provider)
        AND (@senderDomain IS NULL OR sender_domain = @senderDomain)
      ORDER BY bucket_at`);
  }

  /** Rows oldest first (then by the grouped dimensions), and the totals of the range. */
  read(query: AnalyticsQuery): { rows: AnalyticsRow[]; totals: AnalyticsRow } {
    const groupBy = new Set(query.groupBy ?? []);
    const groups = new Map<string, Accumulator>();
    const totals = accumulator(query.from, null, null, null);
    const stored = this.rangeStatement.all({
      granularity: query.granularity, from: query.from, to: query.to,
      stream: query.stream ?? null, provider: query.provider ?? null, senderDomain: query.senderDomain?.toLowerCase() ?? null,
    });
    for (const record of stored) {
      const stream = groupBy.has('stream') ? record.stream : null;
      const provider = groupBy.has('provider') ? record.provider : null;
      const senderDomain = groupBy.has('senderDomain') ? record.sender_domain : null;
      const key = `${record.bucket_at}|${stream}|${provider}|${senderDomain}`;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = accumulator(record.bucket_at, stream, provider, senderDomain)));
      const latency = JSON.parse(record.latency) as Histogram;
      add(group, record, latency);
      add(totals, record, latency);
    }
    const rows = [...groups.values()].map(finish);
    rows.sort((a, b) => a.bucketAt - b.bucketAt || order(a.stream, b.stream) || order(a.provider, b.provider) || order(a.senderDomain, b.senderDomain));
    return { rows, totals: finish(totals) };
  }
}

/** One line per row; rates as fractions, times in milliseconds, buckets as ISO 8601 UTC. */
export function analyticsCsv(rows: AnalyticsRow[]): string {
  const header = ['bucket_start', 'stream', 'provider', 'sender_domain', ...COUNT_FIELDS, 'delivery_rate', 'bounce_rate', 'complaint_rate', 'p50_ms', 'p90_ms', 'p99_ms'];
  return writeCsv(header, rows.map((row) => [
    new Date(row.bucketAt).toISOString(), row.stream, row.provider, row.senderDomain,
    ...COUNT_FIELDS.map((field) => row[field]),
    row.deliveryRate, row.bounceRate, row.complaintRate,
    row.timeToDeliver?.p50Ms ?? null, row.timeToDeliver?.p90Ms ?? null, row.timeToDeliver?.p99Ms ?? null,
  ]));
}

function accumulator(bucketAt: number, stream: Stream | null, provider: Provider | null, senderDomain: string | null): Accumulator {
  const counts = Object.fromEntries(COUNT_FIELDS.map((field) => [field, 0])) as unknown as AnalyticsCounts;
  return {
    row: { bucketAt, stream, provider, senderDomain, ...counts, deliveryRate: null, bounceRate: null, complaintRate: null, timeToDeliver: null },
    latency: {},
  };
}

function add(into: Accumulator, from: AnalyticsCounts, latency: Histogram): void {
  for (const field of COUNT_FIELDS) into.row[field] += from[field];
  merge(into.latency, latency);
}

function finish({ row, latency }: Accumulator): AnalyticsRow {
  const finished = row.delivered + row.bounced + row.expired;
  const ratio = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
  const p50 = percentile(latency, 0.5);
  return {
    ...row,
    deliveryRate: ratio(row.delivered, finished),
    bounceRate: ratio(row.bounced, finished),
    complaintRate: ratio(row.complaints, row.delivered),
    timeToDeliver: p50 === null ? null : { p50Ms: p50, p90Ms: percentile(latency, 0.9)!, p99Ms: percentile(latency, 0.99)! },
  };
}

function order(a: string | null, b: string | null): number {
  return (a ?? '').localeCompare(b ?? '');
}
