// Accepted-to-delivered time per bucket: median, 90th and 99th percentile (each within
// 5% of the exact value, as the engine's histograms are). Buckets without deliveries gap.
import { useMemo } from 'react';
import type { AnalyticsRow } from '../../../engine/api/contract';
import { Chart } from '../../components/chart';
import type { ChartPalette } from '../../lib/chart-palette';
import type { Granularity } from './analytics-range';
import { formatLatency } from './analytics-labels';
import { chartFrame, lineSeries, rowsByBucket } from './chart-frame';

interface DeliveryTimeChartProps {
  rows: readonly AnalyticsRow[];
  totals: AnalyticsRow;
  buckets: readonly number[];
  granularity: Granularity;
  palette: ChartPalette;
}

export function DeliveryTimeChart({ rows, totals, buckets, granularity, palette }: DeliveryTimeChartProps) {
  const option = useMemo(() => {
    const filled = rowsByBucket(rows, buckets);
    const times = (pick: 'p50Ms' | 'p90Ms' | 'p99Ms') => filled.map((row) => row?.timeToDeliver?.[pick] ?? null);
    return {
      ...chartFrame(palette, buckets, granularity, { min: 0, axisLabel: { color: palette.muted, formatter: (ms: number) => formatLatency(ms) } }),
      series: [
        lineSeries('Median', times('p50Ms'), palette.delivered),
        lineSeries('90th percentile', times('p90Ms'), palette.deferred),
        lineSeries('99th percentile', times('p99Ms'), palette.bounced),
      ],
    };
  }, [rows, buckets, granularity, palette]);
  const overall = totals.timeToDeliver;
  const label = overall
    ? `Time to deliver per ${granularity}. Over the range: median ${formatLatency(overall.p50Ms)}, 90th percentile ${formatLatency(overall.p90Ms)}, 99th percentile ${formatLatency(overall.p99Ms)}.`
    : 'Time to deliver: nothing was delivered in the range.';
  return <Chart option={option} label={label} height={240} testId="analytics-delivery-time-chart" />;
}
