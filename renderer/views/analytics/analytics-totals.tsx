// The range's totals as headline figures: recipients by outcome, engagement, the three
// rates and the delivery-time percentiles, each exactly as the engine counted them.
import type { AnalyticsRow } from '../../../engine/api/contract';
import { StatTile } from '../../components/stat-tile';
import { formatCount, formatPercent } from '../../lib/format';
import { formatLatency } from './analytics-labels';

/** Bounce and complaint rates above these deserve a look (mailbox providers' guidance). */
const BOUNCE_ATTENTION = 0.05;
const COMPLAINT_ATTENTION = 0.003;

export function AnalyticsTotals({ totals }: { totals: AnalyticsRow }) {
  const time = totals.timeToDeliver;
  const finished = totals.delivered + totals.bounced + totals.expired;
  return (
    <dl className="stat-grid analytics-totals" data-testid="analytics-totals">
      <StatTile label="Accepted" value={formatCount(totals.accepted)} detail="recipients" testId="analytics-total-accepted" />
      <StatTile label="Delivered" value={formatCount(totals.delivered)} detail={`${formatCount(totals.expired)} expired`} testId="analytics-total-delivered" />
      <StatTile label="Deferred" value={formatCount(totals.deferred)} detail="temporary failures" testId="analytics-total-deferred" />
      <StatTile label="Bounced" value={formatCount(totals.bounced)} detail={`${formatCount(totals.suppressed)} suppressed at intake`} tone={totals.bounced ? 'attention' : 'default'} testId="analytics-total-bounced" />
      <StatTile label="Complaints" value={formatCount(totals.complaints)} detail="spam reports" tone={totals.complaints ? 'attention' : 'default'} testId="analytics-total-complaints" />
      <StatTile label="Opens" value={formatCount(totals.opens)} detail={`${formatCount(totals.clicks)} clicks`} testId="analytics-total-opens" />
      <StatTile label="Unsubscribes" value={formatCount(totals.unsubscribes)} detail="from bulk mail" testId="analytics-total-unsubscribes" />
      <StatTile label="Delivery rate" value={formatPercent(totals.deliveryRate)} detail={`of ${formatCount(finished)} finished`} testId="analytics-rate-delivery" />
      <StatTile label="Bounce rate" value={formatPercent(totals.bounceRate)} detail="of finished" tone={(totals.bounceRate ?? 0) > BOUNCE_ATTENTION ? 'attention' : 'default'} testId="analytics-rate-bounce" />
      <StatTile label="Complaint rate" value={formatPercent(totals.complaintRate)} detail="of delivered" tone={(totals.complaintRate ?? 0) > COMPLAINT_ATTENTION ? 'attention' : 'default'} testId="analytics-rate-complaint" />
      <StatTile
        label="Time to deliver"
        value={formatLatency(time?.p50Ms)}
        detail={time ? `median · p90 ${formatLatency(time.p90Ms)} · p99 ${formatLatency(time.p99Ms)}` : 'nothing delivered'}
        testId="analytics-time-p50"
      />
    </dl>
  );
}
