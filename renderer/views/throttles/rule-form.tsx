// Creates or edits a throttle rule: scope (default, provider by MX suffix, one domain),
// label, and the four limits (blank = no limit from this rule).
import { useState, type FormEvent } from 'react';
import type { ThrottleRuleInput, ThrottleRuleView } from '../../../engine/api/contract';
import { Dialog } from '../../components/dialog';
import { ErrorBanner } from '../../components/error-banner';
import { limitText, parseLimit } from '../../lib/number-field';
import type { Mutation } from '../../lib/use-call';
import { LIMIT_FIELDS } from './limits';

interface RuleFormProps {
  /** The rule being edited; null to add one. */
  rule: ThrottleRuleView | null;
  save: Mutation<[ThrottleRuleInput], ThrottleRuleView>;
  onClose(): void;
}

export function RuleForm({ rule, save, onClose }: RuleFormProps) {
  const [scope, setScope] = useState<ThrottleRuleView['scope']>(rule?.scope ?? 'domain');
  const [match, setMatch] = useState(rule?.match ?? '');
  const [label, setLabel] = useState(rule?.label ?? '');
  const [limits, setLimits] = useState(() => Object.fromEntries(LIMIT_FIELDS.map((field) => [field.key, limitText(rule ? rule[field.key] : null)])) as Record<(typeof LIMIT_FIELDS)[number]['key'], string>);
  const parsed = LIMIT_FIELDS.map((field) => ({ field, result: parseLimit(limits[field.key]) }));
  const invalid = parsed.filter(({ result }) => !result.ok);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (invalid.length) return;
    const input: ThrottleRuleInput = {
      scope,
      match: scope === 'default' ? '' : match.trim(),
      label: label.trim(),
      maxConnections: null, messagesPerConnection: null, messagesPerMinute: null, messagesPerHour: null,
    };
    for (const { field, result } of parsed) if (result.ok) input[field.key] = result.value;
    if (await save.run(input)) onClose();
  };

  return (
    <Dialog title={rule ? `Edit rule: ${rule.label || rule.match || 'default'}` : 'Add a throttle rule'} onClose={onClose} testId="rule-form">
      <form className="form" onSubmit={submit}>
        <div className="form-row">
          <label className="field">
            <span className="field-label">Applies to</span>
            <select className="select" value={scope} onChange={(event) => setScope(event.target.value as ThrottleRuleView['scope'])} disabled={rule !== null} data-testid="rule-scope">
              <option value="domain">One domain</option>
              <option value="provider">A provider (MX host suffix)</option>
              <option value="default">Every other destination (default)</option>
            </select>
          </label>
          {scope !== 'default' ? (
            <label className="field">
              <span className="field-label">{scope === 'provider' ? 'MX host suffix' : 'Domain'}</span>
              <input className="text-input mono" value={match} onChange={(event) => setMatch(event.target.value)} disabled={rule !== null} placeholder={scope === 'provider' ? '.google.com' : 'example.com'} required data-testid="rule-match" />
            </label>
          ) : null}
        </div>
        <label className="field">
          <span className="field-label">Label</span>
          <input className="text-input" value={label} onChange={(event) => setLabel(event.target.value)} placeholder="What the console calls it" data-testid="rule-label" />
        </label>
        <div className="form-row">
          {parsed.map(({ field, result }) => (
            <label key={field.key} className="field">
              <span className="field-label">{field.label}</span>
              <input
                className="text-input mono"
                inputMode="numeric"
                value={limits[field.key]}
                onChange={(event) => setLimits({ ...limits, [field.key]: event.target.value })}
                placeholder="no limit"
                aria-invalid={!result.ok}
                data-testid={`rule-${field.key}`}
              />
              {!result.ok ? <span className="field-error">{result.message}</span> : null}
            </label>
          ))}
        </div>
        <ErrorBanner error={save.error} />
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="button-primary" disabled={save.isPending || invalid.length > 0} data-testid="rule-save">{save.isPending ? 'Saving…' : 'Save rule'}</button>
        </div>
      </form>
    </Dialog>
  );
}
