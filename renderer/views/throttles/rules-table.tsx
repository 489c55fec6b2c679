// Throttle rules, shipped and the operator's, with edit and remove (a shipped rule
// returns to its shipped values rather than disappearing).
import type { ThrottleRuleView } from '../../../engine/api/contract';
import { Badge } from '../../components/badge';
import { DataTable, hiddenColumn } from '../../components/data-table';
import { formatLimit, LIMIT_FIELDS } from './limits';

const SCOPE_LABELS: Record<ThrottleRuleView['scope'], string> = { default: 'Default', provider: 'Provider', domain: 'Domain' };
const COLUMNS = ['Rule', 'Matches', ...LIMIT_FIELDS.map((field) => ({ label: field.label, isNumeric: true })), hiddenColumn('Actions')];

interface RulesTableProps {
  rules: ThrottleRuleView[];
  onEdit(rule: ThrottleRuleView): void;
  onRemove(rule: ThrottleRuleView): void;
}

export function RulesTable({ rules, onEdit, onRemove }: RulesTableProps) {
  return (
    <DataTable label="Throttle rules" testId="throttle-rules" columns={COLUMNS}>
      {rules.map((rule) => (
        <tr key={`${rule.scope}:${rule.match}`} data-testid={`rule-${rule.scope}-${rule.match || 'default'}`}>
          <th scope="row">
            <span className="strong">{rule.label || rule.match || 'Default'}</span>{' '}
            <Badge tone={rule.isShipped ? 'neutral' : 'info'}>{rule.isShipped ? 'shipped' : SCOPE_LABELS[rule.scope]}</Badge>
          </th>
          <td className="mono">{rule.scope === 'default' ? 'every other destination' : rule.match}</td>
          {LIMIT_FIELDS.map((field) => <td key={field.key} className={`numeric${rule[field.key] === null ? ' zero' : ''}`}>{formatLimit(rule[field.key])}</td>)}
          <td className="row-actions">
            <div>
              <button type="button" className="button button-small" onClick={() => onEdit(rule)} data-testid={`rule-edit-${rule.scope}-${rule.match || 'default'}`}>Edit</button>
              {rule.isShipped ? null : (
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => onRemove(rule)}
                  title="Removes your rule; where Relaydesk ships one for the same match, its values come back."
                  data-testid={`rule-remove-${rule.scope}-${rule.match || 'default'}`}
                >
                  Remove
                </button>
              )}
            </div>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
