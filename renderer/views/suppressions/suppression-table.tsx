// Suppressed addresses with why, where and since when; rows can be selected for removal.
import type { SuppressionView } from '../../../engine/api/contract';
import { DataTable, hiddenColumn } from '../../components/data-table';
import { formatDateTime } from '../../lib/format';
import { formatRoute } from '../../shell/routes';
import { REASON_LABELS, scopeText } from './suppression-labels';

interface SuppressionTableProps {
  items: SuppressionView[];
  selected: ReadonlySet<number>;
  onToggle(id: number): void;
}

const COLUMNS = [hiddenColumn('Selected'), 'Address', 'Applies to', 'Reason', 'Detail', 'Since'];

export function SuppressionTable({ items, selected, onToggle }: SuppressionTableProps) {
  return (
    <DataTable label="Suppressed addresses" testId="suppressions" columns={COLUMNS}>
      {items.map((item) => (
        <tr key={item.id} data-testid={`suppression-${item.address}`}>
          <td><input type="checkbox" checked={selected.has(item.id)} onChange={() => onToggle(item.id)} aria-label={`Select ${item.address}`} data-testid={`suppression-select-${item.address}`} /></td>
          <th scope="row" className="mono">{item.address}</th>
          <td>{scopeText(item.scope, item.scopeValue)}</td>
          <td>{REASON_LABELS[item.reason]}</td>
          <td className="truncate" title={item.detail ?? undefined}>
            {item.detail ? <code className="reply">{item.detail}</code> : null}
            {item.sourceMessageId ? <> <a href={formatRoute({ page: 'message', id: item.sourceMessageId })} className="small">message</a></> : null}
          </td>
          <td className="mono nowrap">{formatDateTime(item.createdAt)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
