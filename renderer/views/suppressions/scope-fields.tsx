// Where a suppression applies: everywhere, one stream or one sender domain.
import type { SuppressionScope } from '../../../engine/api/contract';
import { SCOPE_LABELS } from './suppression-labels';

interface ScopeFieldsProps {
  scope: SuppressionScope;
  scopeValue: string;
  onChange(scope: SuppressionScope, scopeValue: string): void;
  testId: string;
}

export function ScopeFields({ scope, scopeValue, onChange, testId }: ScopeFieldsProps) {
  return (
    <div className="form-row">
      <label className="field">
        <span className="field-label">Applies to</span>
        <select className="select" value={scope} onChange={(event) => onChange(event.target.value as SuppressionScope, event.target.value === 'stream' ? 'bulk' : '')} data-testid={`${testId}-scope`}>
          {(Object.keys(SCOPE_LABELS) as SuppressionScope[]).map((value) => <option key={value} value={value}>{SCOPE_LABELS[value]}</option>)}
        </select>
      </label>
      {scope === 'stream' ? (
        <label className="field">
          <span className="field-label">Stream</span>
          <select className="select" value={scopeValue} onChange={(event) => onChange(scope, event.target.value)}>
            <option value="transactional">Transactional</option>
            <option value="bulk">Bulk</option>
          </select>
        </label>
      ) : null}
      {scope === 'domain' ? (
        <label className="field">
          <span className="field-label">Sender domain</span>
          <input className="text-input mono" value={scopeValue} onChange={(event) => onChange(scope, event.target.value)} placeholder="example.com" required />
        </label>
      ) : null}
    </div>
  );
}
