// One chaos rule: what it matches (sender and recipient patterns with *, the routes), how often
// it fires, when it answers (RCPT or end of DATA) and what: a chosen reply code, a slow answer,
// or a dropped connection.
import { useState, type FormEvent } from 'react';
import type { ApiError, ChaosAction, ChaosRule, RouteView } from '../../../engine/api/contract';
import { ErrorBanner } from '../../components/error-banner';
import { parseLimit } from '../../lib/number-field';
import { CODE_MEANING, REPLY_CODES, type ReplyCode } from './chaos-labels';

type ActionChoice = `${ReplyCode}` | 'slow' | 'disconnect';

interface ChaosRuleFormProps {
  rule: ChaosRule | null;
  routes: RouteView[];
  takenIds: string[];
  isPending: boolean;
  error: ApiError | null;
  onSave(rule: ChaosRule): void;
  onCancel(): void;
}

const choiceOf = (action: ChaosAction | undefined): ActionChoice => (action === undefined ? '550' : action.kind === 'reply' ? `${action.code}` : action.kind);

export function ChaosRuleForm({ rule, routes, takenIds, isPending, error, onSave, onCancel }: ChaosRuleFormProps) {
  const [id, setId] = useState(rule?.id ?? '');
  const [sender, setSender] = useState(rule?.sender ?? '');
  const [recipient, setRecipient] = useState(rule?.recipient ?? '');
  const [chosenRoutes, setRoutes] = useState<string[]>(rule?.routes ?? ['sandbox']);
  const [percent, setPercent] = useState(String(Math.round((rule?.probability ?? 1) * 100)));
  const [phase, setPhase] = useState<'rcpt' | 'data'>(rule?.phase ?? 'rcpt');
  const [choice, setChoice] = useState<ActionChoice>(choiceOf(rule?.action));
  const [text, setText] = useState(rule?.action.kind === 'reply' ? rule.action.text ?? '' : '');
  const [delay, setDelay] = useState(rule?.action.kind === 'slow' ? String(rule.action.delayMs) : '5000');
  const parsedPercent = parseLimit(percent, { min: 0, max: 100 });
  const parsedDelay = parseLimit(delay, { max: 600_000 });
  const isIdTaken = rule?.id !== id && takenIds.includes(id);

  const toggleRoute = (name: string) => setRoutes((current) => (current.includes(name) ? current.filter((r) => r !== name) : [...current, name]));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!parsedPercent.ok || parsedPercent.value === null || isIdTaken || chosenRoutes.length === 0) return;
    const delayMs = parsedDelay.ok ? parsedDelay.value : null;
    if (choice === 'slow' && delayMs === null) return;
    const action: ChaosAction = choice === 'slow' ? { kind: 'slow', delayMs: delayMs! }
      : choice === 'disconnect' ? { kind: 'disconnect' }
      : { kind: 'reply', code: Number(choice) as ReplyCode, ...(text.trim() && { text: text.trim() }) };
    onSave({
      id: id.trim(), isEnabled: rule?.isEnabled ?? true, probability: parsedPercent.value / 100, phase, action, routes: chosenRoutes,
      ...(sender.trim() && { sender: sender.trim() }), ...(recipient.trim() && { recipient: recipient.trim() }),
    });
  };

  return (
    <form className="form" onSubmit={submit} data-testid="chaos-rule-form">
      <div className="form-row">
        <label className="field">
          <span className="field-label">Rule name</span>
          <input className="text-input mono" value={id} onChange={(event) => setId(event.target.value.toLowerCase())} pattern="[a-z0-9][a-z0-9\-]{0,39}" title="1-40 lower-case letters, digits or dashes" required aria-invalid={isIdTaken} data-testid="chaos-rule-id" />
          {isIdTaken ? <span className="field-error">Another rule has this name.</span> : null}
        </label>
        <label className="field">
          <span className="field-label">Sender</span>
          <input className="text-input mono" value={sender} onChange={(event) => setSender(event.target.value)} placeholder="any; e.g. *@shop.example" data-testid="chaos-rule-sender" />
        </label>
        <label className="field">
          <span className="field-label">Recipient</span>
          <input className="text-input mono" value={recipient} onChange={(event) => setRecipient(event.target.value)} placeholder="any; e.g. gone-*@*" data-testid="chaos-rule-recipient" />
        </label>
      </div>
      <fieldset className="chip-group">
        <legend className="field-label">Routes</legend>
        {routes.map((route) => (
          <label key={route.name} className={`chip${chosenRoutes.includes(route.name) ? ' is-on' : ''}`}>
            <input type="checkbox" checked={chosenRoutes.includes(route.name)} onChange={() => toggleRoute(route.name)} data-testid={`chaos-rule-route-${route.name}`} />
            {route.name}
          </label>
        ))}
        <span className="muted small">On a live route, the recipient pattern names a test destination: the rule answers instead of its server.</span>
      </fieldset>
      <div className="form-row">
        <label className="field">
          <span className="field-label">Answer</span>
          <select className="select" value={choice} onChange={(event) => setChoice(event.target.value as ActionChoice)} data-testid="chaos-rule-action">
            {REPLY_CODES.map((code) => <option key={code} value={code}>{code}: {CODE_MEANING[code]}</option>)}
            <option value="slow">Slow: answer after a delay</option>
            <option value="disconnect">Disconnect without a reply</option>
          </select>
        </label>
        {choice === 'slow' ? (
          <label className="field">
            <span className="field-label">Delay (ms)</span>
            <input className="text-input mono" inputMode="numeric" value={delay} onChange={(event) => setDelay(event.target.value)} aria-invalid={!parsedDelay.ok} data-testid="chaos-rule-delay" />
          </label>
        ) : null}
        {choice !== 'slow' && choice !== 'disconnect' ? (
          <label className="field">
            <span className="field-label">Reply text</span>
            <input className="text-input mono" value={text} onChange={(event) => setText(event.target.value)} placeholder="the usual text for the code" maxLength={300} />
          </label>
        ) : null}
        <label className="field">
          <span className="field-label">At</span>
          <select className="select" value={phase} onChange={(event) => setPhase(event.target.value as 'rcpt' | 'data')}>
            <option value="rcpt">RCPT TO (per recipient)</option>
            <option value="data">End of DATA</option>
          </select>
        </label>
        <label className="field">
          <span className="field-label">Fires on (% of attempts)</span>
          <input className="text-input mono" inputMode="numeric" value={percent} onChange={(event) => setPercent(event.target.value)} aria-invalid={!parsedPercent.ok} data-testid="chaos-rule-probability" />
        </label>
      </div>
      <ErrorBanner error={error} />
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>Cancel</button>
        <button type="submit" className="button-primary" disabled={isPending || chosenRoutes.length === 0} data-testid="chaos-rule-save">{isPending ? 'Saving…' : 'Save rule'}</button>
      </div>
    </form>
  );
}
