// The monitoring settings as they apply now: the schedule, the extra addresses watched,
// every list checked (shipped or the operator's own) and where the settings come from.
import type { BlocklistStatusView } from '../../../engine/api/contract';
import { Badge } from '../../components/badge';
import { DataTable } from '../../components/data-table';
import { formatDateTime } from '../../lib/format';
import { isWebLink } from '../../lib/web-link';

export function SettingsSummary({ status }: { status: BlocklistStatusView }) {
  const { settings } = status;
  return (
    <>
      <dl className="facts facts-row blocklist-settings-facts">
        <div>
          <dt>Schedule</dt>
          <dd data-testid="blocklist-schedule">{settings.isScheduled ? `Every ${settings.intervalMinutes} minutes` : 'Off: checks run only when you ask'}</dd>
        </div>
        <div>
          <dt>Extra addresses watched</dt>
          <dd className="mono" data-testid="blocklist-addresses">{settings.addresses.length ? settings.addresses.join(', ') : <span className="muted">none</span>}</dd>
        </div>
        <div>
          <dt>Settings from</dt>
          <dd data-testid="blocklist-settings-source">
            {status.settingsChangedAt === null ? 'The configuration file (blocklists section)' : `The console, changed ${formatDateTime(status.settingsChangedAt)}`}
          </dd>
        </div>
      </dl>
      {status.lists.length ? (
        <DataTable label="Lists checked" testId="blocklist-lists" columns={['List', 'Zone', 'Looks up', 'Kind', 'Delisting page']}>
          {status.lists.map((list) => (
            <tr key={list.name} data-testid={`blocklist-list-${list.name}`}>
              <th scope="row" className="strong">{list.name}</th>
              <td className="mono">{list.zone}</td>
              <td>{list.kind === 'ip' ? 'Sending addresses' : 'Sending domains'}</td>
              <td>{list.isDefault ? <Badge tone="neutral">Shipped</Badge> : <Badge tone="info">Your own</Badge>}</td>
              <td className="small">
                {isWebLink(list.delistUrl) ? <a href={list.delistUrl} target="_blank" rel="noreferrer noopener">{list.delistUrl}</a> : <span className="muted">none given</span>}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : <p className="empty" data-testid="blocklist-lists-empty">No list is checked.</p>}
    </>
  );
}
