// The analytics charts in their panels: recipients by outcome, rates and delivery times
// side by side, then engagement.
import type { AnalyticsReport } from '../../../engine/api/contract';
import { Panel } from '../../components/panel';
import type { ChartPalette } from '../../lib/chart-palette';
import type { Granularity } from './analytics-range';
import { DeliveryTimeChart } from './delivery-time-chart';
import { EngagementChart } from './engagement-chart';
import { RatesChart } from './rates-chart';
import { VolumeChart } from './volume-chart';

interface AnalyticsChartsProps {
  report: AnalyticsReport;
  buckets: readonly number[];
  granularity: Granularity;
  palette: ChartPalette;
}

export function AnalyticsCharts({ report, buckets, granularity, palette }: AnalyticsChartsProps) {
  const per = granularity === 'hour' ? 'hour' : 'day';
  const common = { rows: report.rows, totals: report.totals, buckets, granularity, palette };
  return (
    <>
      <Panel title="Recipients" description={`Accepted, and how delivery ended, per ${per} (UTC).`} testId="analytics-volume-panel">
        <VolumeChart {...common} />
      </Panel>
      <div className="panel-row">
        <Panel title="Rates" description="Delivered and bounced of what finished; complaints of what was delivered." testId="analytics-rates-panel">
          <RatesChart {...common} />
        </Panel>
        <Panel title="Time to deliver" description="From acceptance to the receiving server's 250, by percentile." testId="analytics-delivery-time-panel">
          <DeliveryTimeChart {...common} />
        </Panel>
      </div>
      <Panel title="Engagement" description={`Opens, clicks, unsubscribes and complaints per ${per}; machine opens and clicks are left out.`} testId="analytics-engagement-panel">
        <EngagementChart {...common} />
      </Panel>
    </>
  );
}
