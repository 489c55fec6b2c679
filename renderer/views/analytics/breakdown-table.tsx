// The range's totals side by side per stream, recipient provider or sender domain: where
// bounces or complaints come from, and which providers are slow to take mail.
import type { AnalyticsDimension, Provider, Stream } from '../../../engine/api/contract';
import { DataTable } from '../../components/data-table';
import { formatCount, formatPercent } from '../../lib/format';
import { STREAM_LABELS } from '../../lib/labels';
import { DIMENSION_LABELS, formatLatency, PROVIDER_LABELS } from './analytics-labels';
import type { BreakdownRow } from './use-breakdown';

const numeric = (label: string) => ({ label, isNumeric: true });

const COLUMNS = [
  numeric('Accepted'), numeric('Delivered'), numeric('Deferred'), numeric('Bounced'), numeric('Complaints'),
  numeric('Opens'), numeric('Clicks'), numeric('Unsubscribes'), numeric('Delivery rate'), numeric('Bounce rate'),
  numeric('Complaint rate'), numeric('Median time'), numeric('p90 time'), numeric('p99 time'),
];

function valueLabel(dimension: AnalyticsDimension, value: string): string {
  if (dimension === 'provider') return PROVIDER_LABELS[value as Provider];
  if (dimension === 'stream') return STREAM_LABELS[value as Stream];
  return value;
}

export function BreakdownTable({ dimension, rows }: { dimension: AnalyticsDimension; rows: readonly BreakdownRow[] }) {
  return (
    <DataTable label={`Totals by ${DIMENSION_LABELS[dimension].toLowerCase()}`} testId="analytics-breakdown" columns={[DIMENSION_LABELS[dimension], ...COLUMNS]}>
      {rows.map(({ value, totals }) => {
        const cell = (name: string, text: string) => <td className="numeric mono" data-testid={`breakdown-${value}-${name}`}>{text}</td>;
        return (
          <tr key={value} data-testid={`breakdown-row-${value}`}>
            <th scope="row" className={dimension === 'senderDomain' ? 'mono' : undefined}>{valueLabel(dimension, value)}</th>
            {cell('accepted', formatCount(totals.accepted))}
            {cell('delivered', formatCount(totals.delivered))}
            {cell('deferred', formatCount(totals.deferred))}
            {cell('bounced', formatCount(totals.bounced))}
            {cell('complaints', formatCount(totals.complaints))}
            {cell('opens', formatCount(totals.opens))}
            {cell('clicks', formatCount(totals.clicks))}
            {cell('unsubscribes', formatCount(totals.unsubscribes))}
            {cell('delivery-rate', formatPercent(totals.deliveryRate))}
            {cell('bounce-rate', formatPercent(totals.bounceRate))}
            {cell('complaint-rate', formatPercent(totals.complaintRate))}
            {cell('p50', formatLatency(totals.timeToDeliver?.p50Ms))}
            {cell('p90', formatLatency(totals.timeToDeliver?.p90Ms))}
            {cell('p99', formatLatency(totals.timeToDeliver?.p99Ms))}
          </tr>
        );
      })}
    </DataTable>
  );
}
