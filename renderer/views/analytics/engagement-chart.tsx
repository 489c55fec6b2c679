// Opens, clicks, unsubscribes and complaints per bucket (machine opens and clicks are
// not counted by the engine), so a spike in complaints lines up with the send behind it.
import { useMemo } from 'react';
import type { AnalyticsCounts, AnalyticsRow } from '../../../engine/api/contract';
import { Chart } from '../../components/chart';
import type { ChartPalette } from '../../lib/chart-palette';
import { formatCount } from '../../lib/format';
import type { Granularity } from './analytics-range';
import { chartFrame, lineSeries, rowsByBucket } from './chart-frame';

interface EngagementChartProps {
  rows: readonly AnalyticsRow[];
  totals: AnalyticsCounts;
  buckets: readonly number[];
  granularity: Granularity;
  palette: ChartPalette;
}

export function EngagementChart({ rows, totals, buckets, granularity, palette }: EngagementChartProps) {
  const option = useMemo(() => {
    const filled = rowsByBucket(rows, buckets);
    const count = (field: keyof AnalyticsCounts) => filled.map((row) => row?.[field] ?? 0);
    return {
      ...chartFrame(palette, buckets, granularity, { minInterval: 1 }),
      series: [
        lineSeries('Opens', count('opens'), palette.accepted),
        lineSeries('Clicks', count('clicks'), palette.delivered),
        lineSeries('Unsubscribes', count('unsubscribes'), palette.held),
        lineSeries('Complaints', count('complaints'), palette.bounced),
      ],
    };
  }, [rows, buckets, granularity, palette]);
  const label = `Per ${granularity}: ${formatCount(totals.opens)} opens, ${formatCount(totals.clicks)} clicks, `
    + `${formatCount(totals.unsubscribes)} unsubscribes, ${formatCount(totals.complaints)} complaints in the range.`;
  return <Chart option={option} label={label} height={240} testId="analytics-engagement-chart" />;
}
