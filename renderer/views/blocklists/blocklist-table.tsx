// Every watched address and domain against every list of its kind: what the last check
// found, the list's return code and what it means, when it was checked, the delisting page
// of a listing, and the way to its history. Refusals are told apart from listings.
import type { BlocklistEntryView, BlocklistStatusView } from '../../../engine/api/contract';
import { Badge } from '../../components/badge';
import { DataTable, hiddenColumn } from '../../components/data-table';
import { formatDateTime } from '../../lib/format';
import { isWebLink } from '../../lib/web-link';
import { assertNever } from '../../lib/assert-never';
import { FAILURE_ADVICE, ORIGIN_LABELS, REFUSAL_ADVICE, rowTestId, VERDICTS, verdictOf, type CheckVerdict } from './blocklist-labels';

type Target = BlocklistStatusView['targets'][number];
type List = BlocklistStatusView['lists'][number];

interface BlocklistTableProps {
  status: BlocklistStatusView;
  onHistory(target: string, list: string): void;
}

const COLUMNS = ['Address or domain', 'List', 'Status', 'Return code and meaning', 'Last checked', hiddenColumn('History')];

export function BlocklistTable({ status, onHistory }: BlocklistTableProps) {
  const groups = status.targets
    .map((target) => ({ target, lists: status.lists.filter((list) => list.kind === target.kind) }))
    .filter((group) => group.lists.length > 0);
  if (groups.length === 0) {
    return (
      <p className="empty" data-testid="blocklists-empty">
        {status.targets.length === 0
          ? 'Nothing to watch yet: no source address is configured, no public address was seen in deliveries, and there is no sending domain. Add addresses to watch in the settings below.'
          : 'No list is checked: turn the shipped lists on or add a list of your own in the settings below.'}
      </p>
    );
  }
  return (
    <DataTable label="Blocklist status of each address and domain" testId="blocklist-table" columns={COLUMNS} className="blocklist-table">
      {groups.flatMap(({ target, lists }) => lists.map((list, index) => (
        <CheckRow
          key={rowTestId(target.target, list.name)}
          target={target}
          list={list}
          entry={status.entries.find((entry) => entry.source === 'dns' && entry.target === target.target && entry.list === list.name)}
          groupSize={index === 0 ? lists.length : 0}
          onHistory={onHistory}
        />
      )))}
    </DataTable>
  );
}

interface CheckRowProps {
  target: Target;
  list: List;
  entry: BlocklistEntryView | undefined;
  /** Rows the target's cell spans; 0 for the rows after its first. */
  groupSize: number;
  onHistory(target: string, list: string): void;
}

function CheckRow({ target, list, entry, groupSize, onHistory }: CheckRowProps) {
  const id = rowTestId(target.target, list.name);
  const verdict = verdictOf(entry);
  const isListed = entry?.state === 'listed';
  return (
    <tr data-testid={`blocklist-row-${id}`} data-verdict={verdict} className={groupSize > 0 ? 'blocklist-group-start' : undefined}>
      {groupSize > 0 ? (
        <th scope="rowgroup" rowSpan={groupSize}>
          <span className="mono strong">{target.target}</span>
          <span className="muted small block">{ORIGIN_LABELS[target.origin]}</span>
        </th>
      ) : null}
      <td>
        <span className="strong">{list.name}</span>
        <span className="muted small mono block">{list.zone}</span>
      </td>
      <td>
        <Badge tone={VERDICTS[verdict].tone} testId={`blocklist-state-${id}`}>{VERDICTS[verdict].label}</Badge>
        {isListed && verdict !== 'listed' ? <span className="small block" data-testid={`blocklist-still-listed-${id}`}>Listed at the last check that could tell</span> : null}
        {isListed && isWebLink(entry.delistUrl)
          ? <a className="small block" href={entry.delistUrl} target="_blank" rel="noreferrer noopener" data-testid={`blocklist-delist-${id}`}>Request delisting</a>
          : null}
      </td>
      <td className="small blocklist-meaning" data-testid={`blocklist-detail-${id}`}>
        <Meaning entry={entry} verdict={verdict} />
      </td>
      <td className="small blocklist-checked">
        {entry ? <time dateTime={new Date(entry.checkedAt).toISOString()} data-testid={`blocklist-checked-${id}`}>{formatDateTime(entry.checkedAt)}</time> : <span className="muted">Never</span>}
        {isListed ? <span className="muted block">listed since {formatDateTime(entry.since)}</span> : null}
      </td>
      <td className="row-actions">
        <div>
          <button type="button" className="button button-small" onClick={() => onHistory(target.target, list.name)} aria-label={`History of ${target.target} on ${list.name}`} data-testid={`blocklist-history-${id}`}>History</button>
        </div>
      </td>
    </tr>
  );
}

function Meaning({ entry, verdict }: { entry: BlocklistEntryView | undefined; verdict: CheckVerdict }) {
  const codes = entry?.returnCodes.length ? <span className="mono strong">{entry.returnCodes.join(', ')} </span> : null;
  switch (verdict) {
    case 'listed':
      return <>{codes}<span>{entry?.detail ?? 'listed'}</span></>;
    case 'refused':
      return <>{codes}<span className="block">{entry?.error}</span><span className="muted block">{REFUSAL_ADVICE}</span></>;
    case 'error':
      return <><span className="block">{entry?.error}</span><span className="muted block">{FAILURE_ADVICE}</span></>;
    case 'clear':
      return <span className="muted">Not listed (no answer in the list's zone)</span>;
    case 'unchecked':
      return <span className="muted">Waiting for the first check</span>;
    default:
      return assertNever(verdict);
  }
}
