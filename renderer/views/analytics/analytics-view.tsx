// Delivery analytics from the engine's hourly and daily rollups: totals, outcomes and
// engagement per bucket, rates and delivery-time percentiles, a breakdown by stream,
// recipient provider or sender domain, and the rows as CSV.
import { useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { AnalyticsDimension, AnalyticsQuery } from '../../../engine/api/contract';
import { ErrorBanner } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { useChartPalette } from '../../lib/chart-palette';
import { downloadBytes } from '../../lib/download';
import { plural } from '../../lib/labels';
import { useCall, useMutation } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';
import { AnalyticsCharts } from './analytics-charts';
import { AnalyticsFilters, type AnalyticsFilter } from './analytics-filters';
import { bucketStarts, dayOf, resolveRange } from './analytics-range';
import { AnalyticsTotals } from './analytics-totals';
import { BreakdownPanel } from './breakdown-panel';

/** Rollups change as mail moves; half a minute keeps the page current without load. */
const REFRESH_MS = 30_000;

export function AnalyticsView() {
  const { client, theme, notices } = useConsole();
  const show = useStore(notices, (state) => state.show);
  const palette = useChartPalette(theme);
  // The range is fixed when the operator chooses it (or refreshes), so reloads keep it.
  const [now, setNow] = useState(Date.now);
  const [filter, setFilter] = useState<AnalyticsFilter>(() => ({
    preset: '24h', granularity: 'hour', fromDay: dayOf(Date.now() - 6 * 86_400_000), toDay: dayOf(Date.now()), stream: '', provider: '', senderDomain: '',
  }));
  const [splitBy, setSplitBy] = useState<AnalyticsDimension>('provider');
  const resolved = resolveRange(filter, now);
  const range = resolved.ok ? resolved.range : null;
  const hasFilters = Boolean(filter.stream || filter.provider || filter.senderDomain);
  // Calls compare params by value, so a fresh object per render asks nothing new.
  const query: AnalyticsQuery | null = range && {
    granularity: filter.granularity, from: range.from, to: range.to,
    ...(filter.stream ? { stream: filter.stream } : {}),
    ...(filter.provider ? { provider: filter.provider } : {}),
    ...(filter.senderDomain ? { senderDomain: filter.senderDomain } : {}),
  };
  const report = useCall(client, 'analytics.query', query, { refreshMs: REFRESH_MS, refreshKey: now });
  const dimensions = useCall(client, 'analytics.dimensions', range, { refreshKey: now });
  const [from, to] = range ? [range.from, range.to] : [null, null];
  // Charts redraw when their buckets change, so the list keeps its identity across renders.
  const buckets = useMemo(() => (from === null || to === null ? [] : bucketStarts({ from, to }, filter.granularity)), [from, to, filter.granularity]);

  const exportCsv = useMutation(async () => {
    if (!query || !range) return;
    const result = await client.call('analytics.export', { ...query, groupBy: ['stream', 'provider', 'senderDomain'] });
    downloadBytes(result.csv, `relaydesk-analytics-${filter.granularity}-${dayOf(range.from)}-to-${dayOf(range.to - 1)}.csv`, 'text/csv');
    show(`Exported ${plural(result.rows, 'row')}.`);
  });
  const refresh = () => setNow(Date.now());

  return (
    <div className="page" data-testid="analytics-page">
      <PageHeader
        title="Analytics"
        subtitle="Recipients by outcome, engagement, rates and delivery times per hour or day (UTC), from the engine's rollups."
        actions={
          <>
            <button type="button" className="button" onClick={refresh} data-testid="analytics-refresh">Refresh</button>
            <button type="button" className="button" onClick={() => void exportCsv.run()} disabled={!query || exportCsv.isPending} data-testid="analytics-export">
              {exportCsv.isPending ? 'Exporting…' : 'Export CSV'}
            </button>
          </>
        }
      />
      <AnalyticsFilters filter={filter} onChange={(next) => { setFilter(next); refresh(); }} senderDomains={dimensions.data?.senderDomains ?? []} />
      {resolved.ok ? null : <p className="form-error" role="alert" data-testid="analytics-range-error">{resolved.message}</p>}
      <ErrorBanner error={report.error ?? dimensions.error ?? exportCsv.error} />
      {report.data ? (
        <>
          {report.data.pendingEvents > 0 ? (
            <p className="banner banner-info" data-testid="analytics-pending">{plural(report.data.pendingEvents, 'recent event')} not counted yet; the figures catch up within seconds.</p>
          ) : null}
          <AnalyticsTotals totals={report.data.totals} />
          {report.data.rows.length === 0 ? <p className="empty" data-testid="analytics-empty">No mail in this range{hasFilters ? ' with these filters' : ''}.</p> : null}
          <AnalyticsCharts report={report.data} buckets={buckets} granularity={filter.granularity} palette={palette} />
          <BreakdownPanel
            client={client}
            query={query}
            dimension={splitBy}
            onDimension={setSplitBy}
            dimensions={dimensions.data}
            filter={filter}
            refreshKey={now}
          />
        </>
      ) : report.isLoading ? <p className="muted" data-testid="analytics-loading">Reading the rollups…</p> : null}
    </div>
  );
}
