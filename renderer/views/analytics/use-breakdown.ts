// The range's totals per stream, provider or sender domain: one analytics.query per value
// with that value as a filter, so every figure (rates and delivery-time percentiles too)
// is the engine's own, not a sum of rounded rows.
import { useEffect, useState } from 'react';
import type { AnalyticsDimension, AnalyticsQuery, AnalyticsRow, ApiClient, ApiError } from '../../../engine/api/contract';
import { toApiCallError } from '../../api/api-errors';

export interface BreakdownRow {
  value: string;
  totals: AnalyticsRow;
}

export interface Breakdown {
  rows: BreakdownRow[] | null;
  error: ApiError | null;
}

/** `query` null (or no values yet) reads nothing; a new `refreshKey` reads again. */
export function useBreakdown(client: ApiClient, query: AnalyticsQuery | null, dimension: AnalyticsDimension, values: readonly string[] | null, refreshKey: number): Breakdown {
  const key = query && values ? JSON.stringify({ query, dimension, values, refreshKey }) : null;
  const [state, setState] = useState<{ key: string | null } & Breakdown>({ key: null, rows: null, error: null });

  useEffect(() => {
    if (key === null) return;
    // Read back from the key, as useCall does: the effect runs once per distinct request.
    const asked = JSON.parse(key) as { query: AnalyticsQuery; dimension: AnalyticsDimension; values: string[] };
    let isCurrent = true;
    Promise.all(asked.values.map((value) => client.call('analytics.query', { ...asked.query, [asked.dimension]: value }))).then(
      (reports) => {
        if (isCurrent) setState({ key, rows: reports.map((report, i) => ({ value: asked.values[i]!, totals: report.totals })), error: null });
      },
      (reason: unknown) => {
        if (isCurrent) setState({ key, rows: null, error: toApiCallError(reason) });
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [client, key]);

  return state.key === key ? { rows: state.rows, error: state.error } : { rows: null, error: null };
}
