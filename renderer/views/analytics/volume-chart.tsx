// Recipients per bucket: outcomes (delivered, deferred, bounced, expired) as stacked bars
// and acceptance as a line over them, as on the dashboard, over the chosen range.
import { useMemo } from 'react';
import type { AnalyticsCounts, AnalyticsRow } from '../../../engine/api/contract';
import { Chart } from '../../components/chart';
import type { ChartPalette } from '../../lib/chart-palette';
import { formatCount } from '../../lib/format';
import type { Granularity } from './analytics-range';
import { chartFrame, lineSeries, rowsByBucket } from './chart-frame';

interface VolumeChartProps {
  rows: readonly AnalyticsRow[];
  totals: AnalyticsCounts;
  buckets: readonly number[];
  granularity: Granularity;
  palette: ChartPalette;
}

export function VolumeChart({ rows, totals, buckets, granularity, palette }: VolumeChartProps) {
  const option = useMemo(() => {
    const filled = rowsByBucket(rows, buckets);
    const count = (field: keyof AnalyticsCounts) => filled.map((row) => row?.[field] ?? 0);
    const bar = (name: string, field: keyof AnalyticsCounts, color: string) => ({
      name, type: 'bar', stack: 'outcomes', data: count(field), itemStyle: { color }, barMaxWidth: 18,
    });
    return {
      ...chartFrame(palette, buckets, granularity, { minInterval: 1 }),
      series: [
        bar('Delivered', 'delivered', palette.delivered),
        bar('Deferred', 'deferred', palette.deferred),
        bar('Bounced', 'bounced', palette.bounced),
        bar('Expired', 'expired', palette.held),
        lineSeries('Accepted', count('accepted'), palette.accepted),
      ],
    };
  }, [rows, buckets, granularity, palette]);
  const label = `Recipients per ${granularity}: ${formatCount(totals.accepted)} accepted, ${formatCount(totals.delivered)} delivered, `
    + `${formatCount(totals.deferred)} deferrals, ${formatCount(totals.bounced)} bounced, ${formatCount(totals.expired)} expired in the range.`;
  return <Chart option={option} label={label} height={280} testId="analytics-volume-chart" />;
}
