// Blocklists that receivers named when they refused our mail (the delivery classifier reads
// their replies): the list, the address the attempt left from, the reply word for word,
// and the delisting page. Such a listing clears after a day without another such reply.
import type { BlocklistEntryView } from '../../../engine/api/contract';
import { Badge } from '../../components/badge';
import { DataTable, hiddenColumn } from '../../components/data-table';
import { formatDateTime } from '../../lib/format';
import { isWebLink } from '../../lib/web-link';
import { rowTestId } from './blocklist-labels';

interface ReplyListingsProps {
  entries: BlocklistEntryView[];
  onHistory(target: string, list: string): void;
}

const COLUMNS = ['List', 'Sent from', 'Status', 'What the receiver replied', 'Last such reply', 'Delisting', hiddenColumn('History')];

export function ReplyListings({ entries, onHistory }: ReplyListingsProps) {
  if (entries.length === 0) {
    return <p className="empty" data-testid="reply-listings-empty">No delivery reply has named a blocklist. When a receiver refuses mail because of a listing, its reply shows here.</p>;
  }
  return (
    <DataTable label="Blocklists named in delivery replies" testId="reply-listings" columns={COLUMNS}>
      {entries.map((entry) => {
        const id = rowTestId(entry.target, entry.list);
        const isListed = entry.state === 'listed';
        return (
          <tr key={id} data-testid={`reply-listing-${id}`}>
            <th scope="row" className="strong">{entry.list}</th>
            <td className="mono">{entry.target}</td>
            <td>{isListed ? <Badge tone="bad">Listed</Badge> : <Badge tone="ok">No reply for a day</Badge>}</td>
            <td><span className="reply">{entry.detail}</span></td>
            <td className="small nowrap">
              {formatDateTime(entry.checkedAt)}
              {isListed ? <span className="muted block">listed since {formatDateTime(entry.since)}</span> : null}
            </td>
            <td className="small">
              {isWebLink(entry.delistUrl)
                ? <a href={entry.delistUrl} target="_blank" rel="noreferrer noopener" data-testid={`reply-delist-${id}`}>Request delisting</a>
                : <span className="muted">No delisting page known</span>}
            </td>
            <td className="row-actions">
              <div>
                <button type="button" className="button button-small" onClick={() => onHistory(entry.target, entry.list)} aria-label={`History of ${entry.target} on ${entry.list}`} data-testid={`reply-history-${id}`}>History</button>
              </div>
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
