// The breakdown panel: which dimension to split the range's totals by, and the table.
// The values are those seen in the range (analytics.dimensions), narrowed by the filters.
import type { AnalyticsDimension, AnalyticsQuery, ApiClient, Provider } from '../../../engine/api/contract';
import { ErrorBanner } from '../../components/error-banner';
import { Panel } from '../../components/panel';
import { STREAMS } from '../../lib/labels';
import type { AnalyticsFilter } from './analytics-filters';
import { DIMENSION_LABELS } from './analytics-labels';
import { BreakdownTable } from './breakdown-table';
import { useBreakdown } from './use-breakdown';

/** One query per value: sender domains beyond this are reached with the domain filter. */
const MAX_VALUES = 25;

interface BreakdownPanelProps {
  client: ApiClient;
  query: AnalyticsQuery | null;
  dimension: AnalyticsDimension;
  onDimension(dimension: AnalyticsDimension): void;
  dimensions: { senderDomains: string[]; providers: Provider[] } | null;
  filter: AnalyticsFilter;
  refreshKey: number;
}

function valuesOf(dimension: AnalyticsDimension, seen: BreakdownPanelProps['dimensions'], filter: AnalyticsFilter): string[] | null {
  if (dimension === 'stream') return filter.stream ? [filter.stream] : [...STREAMS];
  if (!seen) return null;
  if (dimension === 'provider') return filter.provider ? [filter.provider] : seen.providers;
  return filter.senderDomain ? [filter.senderDomain] : seen.senderDomains;
}

export function BreakdownPanel({ client, query, dimension, onDimension, dimensions, filter, refreshKey }: BreakdownPanelProps) {
  const values = valuesOf(dimension, dimensions, filter);
  const shown = values?.slice(0, MAX_VALUES) ?? null;
  const breakdown = useBreakdown(client, query, dimension, shown, refreshKey);
  return (
    <Panel
      title="Breakdown"
      description="The range's totals per group, with the filters above applied."
      aside={
        <label className="inline-fields">
          <span className="field-label">Split by</span>
          <select className="select" value={dimension} onChange={(event) => onDimension(event.target.value as AnalyticsDimension)} data-testid="analytics-split">
            {(Object.keys(DIMENSION_LABELS) as AnalyticsDimension[]).map((value) => <option key={value} value={value}>{DIMENSION_LABELS[value]}</option>)}
          </select>
        </label>
      }
      testId="analytics-breakdown-panel"
    >
      <ErrorBanner error={breakdown.error} />
      {values && values.length === 0 ? <p className="empty" data-testid="analytics-breakdown-empty">Nothing was sent in this range.</p> : null}
      {breakdown.rows && breakdown.rows.length ? <BreakdownTable dimension={dimension} rows={breakdown.rows} /> : null}
      {values && values.length > MAX_VALUES ? (
        <p className="muted small" data-testid="analytics-breakdown-capped">
          Showing the first {MAX_VALUES} of {values.length} sender domains, alphabetically; choose a sender domain above to see another.
        </p>
      ) : null}
    </Panel>
  );
}
