// When an address or domain was listed and delisted, on one list or on all of them, newest
// first; refetched whenever the live status changes, so a check's delisting shows at once.
import type { ApiClient } from '../../../engine/api/contract';
import { Badge } from '../../components/badge';
import { DataTable } from '../../components/data-table';
import { ErrorBanner } from '../../components/error-banner';
import { Panel } from '../../components/panel';
import { formatDateTime } from '../../lib/format';
import { useCall } from '../../lib/use-call';

export interface HistorySelection {
  target: string;
  /** Null: every list. */
  list: string | null;
}

interface BlocklistHistoryProps {
  client: ApiClient;
  selection: HistorySelection;
  /** The lists the select offers. */
  lists: string[];
  /** Changes whenever the live status does. */
  version: number;
  onSelect(selection: HistorySelection | null): void;
}

const HISTORY_LIMIT = 200;

export function BlocklistHistory({ client, selection, lists, version, onSelect }: BlocklistHistoryProps) {
  const { target, list } = selection;
  const history = useCall(client, 'blocklists.history', { target, limit: HISTORY_LIMIT, ...(list === null ? {} : { list }) }, { refreshKey: version });
  const where = list === null ? 'any list' : list;
  return (
    <Panel
      title={`History of ${target}`}
      description="Listings and delistings, newest first: from checks in the lists' zones and from delivery replies."
      aside={<button type="button" className="button button-small" onClick={() => onSelect(null)} data-testid="blocklist-history-close">Close</button>}
      testId="blocklist-history"
    >
      <label className="field blocklist-history-filter">
        <span className="field-label">List</span>
        <select className="select" value={list ?? ''} onChange={(event) => onSelect({ target, list: event.target.value || null })} data-testid="blocklist-history-list">
          <option value="">Every list</option>
          {lists.map((name) => <option key={name} value={name}>{name}</option>)}
        </select>
      </label>
      <ErrorBanner error={history.error} />
      {history.data === null ? <p className="muted">Loading…</p> : null}
      {history.data?.length === 0 ? (
        <p className="empty" data-testid="blocklist-history-empty">No listing recorded for {target} on {where}: every check so far found it clear.</p>
      ) : null}
      {history.data?.length ? (
        <DataTable label={`Listings and delistings of ${target}`} testId="blocklist-history-table" columns={['When', 'List', 'Change', 'Found by', 'Detail']}>
          {history.data.map((item) => (
            <tr key={item.id} data-testid={`blocklist-history-${item.id}`} data-state={item.state}>
              <td className="nowrap"><time dateTime={new Date(item.at).toISOString()}>{formatDateTime(item.at)}</time></td>
              <td>{item.list}</td>
              <td>{item.state === 'listed' ? <Badge tone="bad">Listed</Badge> : <Badge tone="ok">Delisted</Badge>}</td>
              <td>{item.source === 'dns' ? 'Check of the list' : 'Delivery reply'}</td>
              <td className="small">{item.detail ?? <span className="muted">—</span>}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </Panel>
  );
}
