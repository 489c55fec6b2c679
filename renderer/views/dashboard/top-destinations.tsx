// Destinations with the most waiting mail and recent activity, refreshed every 15 s;
// a domain opens the queue filtered to it.
import type { ApiError, TopDestination } from '../../../engine/api/contract';
import { ErrorBanner } from '../../components/error-banner';
import { DataTable } from '../../components/data-table';
import { formatCount } from '../../lib/format';
import { formatRoute, DEFAULT_QUEUE_QUERY } from '../../shell/routes';

interface TopDestinationsProps {
  destinations: TopDestination[] | null;
  error: ApiError | null;
}

const COLUMNS = [
  'Domain',
  ...['Queued', 'Deferred', 'Held'].map((label) => ({ label, isNumeric: true })),
  { label: 'Delivered 1h', isNumeric: true, className: 'group-start' },
  ...['Deferred 1h', 'Bounced 1h'].map((label) => ({ label, isNumeric: true })),
];

export function TopDestinations({ destinations, error }: TopDestinationsProps) {
  if (error) return <ErrorBanner error={error} />;
  if (!destinations) return <p className="empty">Loading…</p>;
  if (destinations.length === 0) return <p className="empty" data-testid="top-destinations-empty">No mail is waiting and nothing was sent in the last hour.</p>;
  return (
    <DataTable label="Top destinations" testId="top-destinations" columns={COLUMNS}>
      {destinations.map((row) => (
        <tr key={row.domain} data-testid={`top-destination-${row.domain}`}>
          <th scope="row" className="mono">
            <a href={formatRoute({ page: 'queue', query: { ...DEFAULT_QUEUE_QUERY, domain: row.domain } })}>{row.domain}</a>
          </th>
          <td className={`numeric${row.queued ? '' : ' zero'}`}>{formatCount(row.queued)}</td>
          <td className={`numeric${row.deferred ? '' : ' zero'}`}>{formatCount(row.deferred)}</td>
          <td className={`numeric${row.held ? '' : ' zero'}`}>{formatCount(row.held)}</td>
          <td className={`numeric group-start${row.deliveredLastHour ? '' : ' zero'}`}>{formatCount(row.deliveredLastHour)}</td>
          <td className={`numeric${row.deferredLastHour ? '' : ' zero'}`}>{formatCount(row.deferredLastHour)}</td>
          <td className={`numeric${row.bouncedLastHour ? '' : ' zero'}`}>{formatCount(row.bouncedLastHour)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
