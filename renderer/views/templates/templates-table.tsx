// Stored templates by name with their current version; choosing one opens it below.
import type { TemplateView } from '../../../engine/api/contract';
import { DataTable } from '../../components/data-table';
import { formatDateTime } from '../../lib/format';

const COLUMNS = ['Name', 'Id', 'Current version', 'Last saved'];

interface TemplatesTableProps {
  templates: TemplateView[];
  selected: string | null;
  onSelect(template: TemplateView): void;
}

export function TemplatesTable({ templates, selected, onSelect }: TemplatesTableProps) {
  return (
    <DataTable label="Templates" testId="templates" columns={COLUMNS} className="selectable-rows">
      {templates.map((template) => (
        <tr key={template.id} className={template.name === selected ? 'is-selected' : undefined} data-testid={`template-row-${template.name}`}>
          <th scope="row">
            <button type="button" className="link-button strong mono" onClick={() => onSelect(template)} aria-pressed={template.name === selected} data-testid={`template-open-${template.name}`}>
              {template.name}
            </button>
          </th>
          <td className="mono small">{template.id}</td>
          <td className="mono small" data-testid={`template-current-${template.name}`}>v{template.currentVersion}</td>
          <td className="mono small nowrap">{formatDateTime(template.updatedAt)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
