// What every analytics chart shares: one x axis of bucket labels, the theme's colours,
// a legend and an axis tooltip. Each chart adds its own series and y axis.
import type { AnalyticsRow } from '../../../engine/api/contract';
import type { ChartPalette } from '../../lib/chart-palette';
import { bucketLabel, type Granularity } from './analytics-range';

/** The report's rows by bucket, one entry per bucket start (null where nothing happened). */
export function rowsByBucket(rows: readonly AnalyticsRow[], buckets: readonly number[]): Array<AnalyticsRow | null> {
  const byStart = new Map(rows.map((row) => [row.bucketAt, row]));
  return buckets.map((at) => byStart.get(at) ?? null);
}

export function chartFrame(palette: ChartPalette, buckets: readonly number[], granularity: Granularity, yAxis: Record<string, unknown>) {
  return {
    animation: false,
    textStyle: { color: palette.text },
    grid: { left: 56, right: 16, top: 36, bottom: 28 },
    legend: { top: 0, textStyle: { color: palette.muted } },
    tooltip: { trigger: 'axis', backgroundColor: palette.surface, borderColor: palette.grid, textStyle: { color: palette.text } },
    xAxis: {
      type: 'category',
      data: buckets.map((at) => bucketLabel(at, granularity)),
      axisLabel: { color: palette.muted },
      axisLine: { lineStyle: { color: palette.grid } },
    },
    yAxis: { type: 'value', axisLabel: { color: palette.muted }, splitLine: { lineStyle: { color: palette.grid } }, ...yAxis },
  };
}

/** A line series that leaves gaps where a bucket has no value (a rate with nothing to divide). */
export function lineSeries(name: string, values: Array<number | null>, color: string) {
  return { name, type: 'line', data: values, itemStyle: { color }, lineStyle: { color }, showSymbol: values.length < 60, connectNulls: false };
}
