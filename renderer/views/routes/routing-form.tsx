// Which route a message takes: per sender domain, then per stream, then the default; then
// an optional split that moves a share of one route's messages to another (migrations).
import { useEffect, useState, type FormEvent } from 'react';
import type { ApiError, RouteView, RoutingRules, Stream } from '../../../engine/api/contract';
import { ErrorBanner } from '../../components/error-banner';
import { STREAM_LABELS, STREAMS } from '../../lib/labels';
import { parseLimit } from '../../lib/number-field';

interface RoutingFormProps {
  rules: RoutingRules;
  routes: RouteView[];
  isPending: boolean;
  error: ApiError | null;
  onSave(rules: RoutingRules): void;
}

export function RoutingForm({ rules, routes, isPending, error, onSave }: RoutingFormProps) {
  const [draft, setDraft] = useState(rules);
  const [domainRows, setDomainRows] = useState(() => Object.entries(rules.bySenderDomain));
  const [percent, setPercent] = useState(String(rules.split?.percent ?? 10));
  useEffect(() => {
    setDraft(rules);
    setDomainRows(Object.entries(rules.bySenderDomain));
    setPercent(String(rules.split?.percent ?? 10));
  }, [rules]);
  const parsedPercent = parseLimit(percent, { min: 0, max: 100 });
  const routeOptions = routes.map((route) => <option key={route.name} value={route.name}>{route.name} ({route.kind})</option>);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.split && (!parsedPercent.ok || parsedPercent.value === null)) return;
    onSave({
      ...draft,
      bySenderDomain: Object.fromEntries(domainRows.filter(([domain]) => domain.trim()).map(([domain, route]) => [domain.trim().toLowerCase(), route])),
      split: draft.split && parsedPercent.ok ? { ...draft.split, percent: parsedPercent.value ?? 0 } : null,
    });
  };
  const setStream = (stream: Stream, route: string) => {
    const byStream = { ...draft.byStream };
    if (route) byStream[stream] = route;
    else delete byStream[stream];
    setDraft({ ...draft, byStream });
  };

  return (
    <form className="form" onSubmit={submit} data-testid="routing-form">
      <label className="field">
        <span className="field-label">Default route</span>
        <select className="select" value={draft.defaultRoute} onChange={(event) => setDraft({ ...draft, defaultRoute: event.target.value })} data-testid="routing-default">{routeOptions}</select>
      </label>
      <div className="form-row">
        {STREAMS.map((stream) => (
          <label key={stream} className="field">
            <span className="field-label">{STREAM_LABELS[stream]} stream</span>
            <select className="select" value={draft.byStream[stream] ?? ''} onChange={(event) => setStream(stream, event.target.value)} data-testid={`routing-stream-${stream}`}>
              <option value="">Default route</option>
              {routeOptions}
            </select>
          </label>
        ))}
      </div>
      <fieldset className="fieldset">
        <legend className="field-label">By sender domain</legend>
        {domainRows.map(([domain, route], index) => (
          <div key={index} className="form-row">
            <input className="text-input mono" value={domain} onChange={(event) => setDomainRows(domainRows.map((row, i) => (i === index ? [event.target.value, row[1]] : row)))} placeholder="example.com" aria-label="Sender domain" />
            <select className="select" value={route} onChange={(event) => setDomainRows(domainRows.map((row, i) => (i === index ? [row[0], event.target.value] : row)))} aria-label="Route">{routeOptions}</select>
            <button type="button" className="button button-small" onClick={() => setDomainRows(domainRows.filter((_, i) => i !== index))}>Remove</button>
          </div>
        ))}
        <button type="button" className="button button-small" onClick={() => setDomainRows([...domainRows, ['', draft.defaultRoute]])}>Add a sender domain</button>
      </fieldset>
      <fieldset className="fieldset">
        <legend className="field-label">Split</legend>
        <label className="checkbox-field">
          <input type="checkbox" checked={draft.split !== null} onChange={(event) => setDraft({ ...draft, split: event.target.checked ? { from: draft.defaultRoute, to: routes.find((r) => r.name !== draft.defaultRoute)?.name ?? draft.defaultRoute, percent: 10 } : null })} data-testid="routing-split" />
          Move a share of one route's messages to another (decided once per message)
        </label>
        {draft.split ? (
          <div className="form-row">
            <label className="field"><span className="field-label">From</span><select className="select" value={draft.split.from} onChange={(event) => setDraft({ ...draft, split: { ...draft.split!, from: event.target.value } })}>{routeOptions}</select></label>
            <label className="field"><span className="field-label">To</span><select className="select" value={draft.split.to} onChange={(event) => setDraft({ ...draft, split: { ...draft.split!, to: event.target.value } })}>{routeOptions}</select></label>
            <label className="field">
              <span className="field-label">Percent</span>
              <input className="text-input mono" inputMode="numeric" value={percent} onChange={(event) => setPercent(event.target.value)} aria-invalid={!parsedPercent.ok} data-testid="routing-split-percent" />
            </label>
          </div>
        ) : null}
      </fieldset>
      <p className="muted small">Rules apply to messages accepted from now on; queued messages keep their route.</p>
      <ErrorBanner error={error} />
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={isPending} data-testid="routing-save">{isPending ? 'Saving…' : 'Save routing'}</button>
      </div>
    </form>
  );
}
