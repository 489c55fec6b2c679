// The time ranges the analytics page reads, on rollup bucket boundaries (UTC, as the
// engine buckets): a range ends where the bucket in progress ends, so it is included.
// Pure: turned into analytics.query params and chart buckets.
import type { AnalyticsQuery } from '../../../engine/api/contract';

export type Granularity = AnalyticsQuery['granularity'];
export type RangePreset = '24h' | '7d' | '30d' | '90d' | 'custom';

const HOUR = 3_600_000;
const DAY = 86_400_000;

export const BUCKET_MS: Record<Granularity, number> = { hour: HOUR, day: DAY };

/** The engine reads hourly rollups for at most 93 days per query. */
export const MAX_HOURLY_SPAN_MS = 93 * DAY;

export const RANGE_PRESETS: ReadonlyArray<{ value: Exclude<RangePreset, 'custom'>; label: string; spanMs: number }> = [
  { value: '24h', label: 'Last 24 hours', spanMs: DAY },
  { value: '7d', label: 'Last 7 days', spanMs: 7 * DAY },
  { value: '30d', label: 'Last 30 days', spanMs: 30 * DAY },
  { value: '90d', label: 'Last 90 days', spanMs: 90 * DAY },
];

export interface RangeChoice {
  preset: RangePreset;
  granularity: Granularity;
  /** Custom range: first and last UTC day, as `YYYY-MM-DD` (date inputs). */
  fromDay: string;
  toDay: string;
}

export interface TimeRange {
  from: number;
  to: number;
}

/** The range a choice covers at `now`, or a sentence saying why it cannot be read. */
export function resolveRange(choice: RangeChoice, now: number): { ok: true; range: TimeRange } | { ok: false; message: string } {
  const size = BUCKET_MS[choice.granularity];
  let range: TimeRange;
  if (choice.preset === 'custom') {
    const from = parseDay(choice.fromDay);
    const last = parseDay(choice.toDay);
    if (from === null || last === null) return { ok: false, message: 'Pick the first and last day of the range.' };
    if (last < from) return { ok: false, message: 'The last day comes before the first.' };
    range = { from, to: last + DAY };
  } else {
    const span = RANGE_PRESETS.find((preset) => preset.value === choice.preset)!.spanMs;
    const to = now - (now % size) + size;
    range = { from: to - span, to };
  }
  if (choice.granularity === 'hour' && range.to - range.from > MAX_HOURLY_SPAN_MS) {
    return { ok: false, message: 'Hourly figures cover at most 93 days; choose "By day" for a longer range.' };
  }
  return { ok: true, range };
}

/** Every bucket start in the range, so quiet buckets show as zero rather than vanish. */
export function bucketStarts(range: TimeRange, granularity: Granularity): number[] {
  const size = BUCKET_MS[granularity];
  const starts: number[] = [];
  for (let at = range.from - (range.from % size); at < range.to; at += size) starts.push(at);
  return starts;
}

/** A bucket's start in UTC: `03-14 09:00` for hours, `2026-03-14` for days. */
export function bucketLabel(at: number, granularity: Granularity): string {
  const iso = new Date(at).toISOString();
  return granularity === 'day' ? iso.slice(0, 10) : `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}

/** Today as a date input's value (UTC). */
export function dayOf(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

function parseDay(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const at = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(at) || dayOf(at) !== value ? null : at;
}
