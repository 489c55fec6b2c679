// Delivery, bounce and complaint rates per bucket, in percent. A bucket where nothing
// finished has no rate and leaves a gap rather than a misleading zero.
import { useMemo } from 'react';
import type { AnalyticsRow } from '../../../engine/api/contract';
import { Chart } from '../../components/chart';
import type { ChartPalette } from '../../lib/chart-palette';
import { formatPercent } from '../../lib/format';
import type { Granularity } from './analytics-range';
import { chartFrame, lineSeries, rowsByBucket } from './chart-frame';

interface RatesChartProps {
  rows: readonly AnalyticsRow[];
  totals: AnalyticsRow;
  buckets: readonly number[];
  granularity: Granularity;
  palette: ChartPalette;
}

const percent = (ratio: number | null | undefined) => (ratio === null || ratio === undefined ? null : Math.round(ratio * 10_000) / 100);

export function RatesChart({ rows, totals, buckets, granularity, palette }: RatesChartProps) {
  const option = useMemo(() => {
    const filled = rowsByBucket(rows, buckets);
    return {
      ...chartFrame(palette, buckets, granularity, { min: 0, max: 100, axisLabel: { color: palette.muted, formatter: '{value} %' } }),
      series: [
        lineSeries('Delivery rate', filled.map((row) => percent(row?.deliveryRate)), palette.delivered),
        lineSeries('Bounce rate', filled.map((row) => percent(row?.bounceRate)), palette.bounced),
        lineSeries('Complaint rate', filled.map((row) => percent(row?.complaintRate)), palette.deferred),
      ],
    };
  }, [rows, buckets, granularity, palette]);
  const label = `Rates per ${granularity}. Over the range: delivery ${formatPercent(totals.deliveryRate)}, `
    + `bounce ${formatPercent(totals.bounceRate)}, complaints ${formatPercent(totals.complaintRate)}.`;
  return <Chart option={option} label={label} height={240} testId="analytics-rates-chart" />;
}
