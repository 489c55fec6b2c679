// Every saved version of a template, newest first; any of them can be opened to read its
// source and preview it. Messages record the version they were composed from.
import type { TemplateDetail } from '../../../engine/api/contract';
import { Badge } from '../../components/badge';
import { DataTable, hiddenColumn } from '../../components/data-table';
import { formatDateTime } from '../../lib/format';

const COLUMNS = ['Version', 'Saved', 'Subject', hiddenColumn('Actions')];

interface TemplateHistoryProps {
  template: TemplateDetail;
  /** The version open for reading; null while the current one is in the editor. */
  viewing: number | null;
  onView(version: number | null): void;
}

export function TemplateHistory({ template, viewing, onView }: TemplateHistoryProps) {
  return (
    <DataTable label={`Versions of ${template.name}`} testId="template-versions" columns={COLUMNS} className="selectable-rows">
      {template.history.map((entry) => {
        const isCurrent = entry.version === template.currentVersion;
        const isOpen = isCurrent ? viewing === null : viewing === entry.version;
        return (
          <tr key={entry.version} className={isOpen ? 'is-selected' : undefined} data-testid={`template-version-${entry.version}`}>
            <th scope="row" className="nowrap">
              v{entry.version} {isCurrent ? <Badge tone="ok">current</Badge> : null}
            </th>
            <td className="mono small nowrap">{formatDateTime(entry.createdAt)}</td>
            <td className="truncate" title={entry.subject}>{entry.subject}</td>
            <td className="row-actions">
              <button type="button" className="button button-small" onClick={() => onView(isCurrent ? null : entry.version)} disabled={isOpen} aria-pressed={isOpen} data-testid={`template-view-${entry.version}`}>
                {isCurrent ? 'Edit' : 'View'}
              </button>
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
