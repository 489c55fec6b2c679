// An endpoint's settings, for adding or editing one: URL, the event-type, stream and
// sender-domain filters, the body format and batching, and whether it is enabled.
import { useState, type FormEvent } from 'react';
import type { ApiError, Stream, WebhookEventType, WebhookFormat, WebhookInput, WebhookView } from '../../../engine/api/contract';
import { ErrorBanner } from '../../components/error-banner';
import { STREAM_LABELS, STREAMS } from '../../lib/labels';
import { fieldsOf, toggled, toWebhookInput, type WebhookFields } from './webhook-fields';
import { FORMAT_LABELS } from './webhook-labels';

interface WebhookFormProps {
  initial: WebhookView | null;
  eventTypes: ReadonlyArray<{ type: WebhookEventType; description: string }>;
  isPending: boolean;
  error: ApiError | null;
  submitLabel: string;
  onSubmit(input: Required<WebhookInput>): void;
  onCancel(): void;
}

export function WebhookForm({ initial, eventTypes, isPending, error, submitLabel, onSubmit, onCancel }: WebhookFormProps) {
  const [fields, setFields] = useState(() => fieldsOf(initial));
  const [problem, setProblem] = useState<string | null>(null);
  const set = <K extends keyof WebhookFields>(key: K, value: WebhookFields[K]) => setFields({ ...fields, [key]: value });
  const allTypes = eventTypes.map((entry) => entry.type);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = toWebhookInput(fields);
    setProblem(result.ok ? null : result.message);
    if (result.ok) onSubmit(result.input);
  };
  return (
    <form className="form" onSubmit={submit} data-testid="webhook-form">
      <div className="form-row">
        <label className="field">
          <span className="field-label">Name</span>
          <input className="text-input" value={fields.name} onChange={(event) => set('name', event.target.value)} required data-testid="webhook-name" />
        </label>
        <label className="field">
          <span className="field-label">URL that receives POSTs</span>
          <input className="text-input mono" type="url" value={fields.url} onChange={(event) => set('url', event.target.value)} placeholder="https://app.example.com/hooks/relaydesk" required data-testid="webhook-url" />
        </label>
      </div>
      <fieldset className="chip-group" data-testid="webhook-event-types">
        <legend className="field-label">Event types</legend>
        {eventTypes.map(({ type, description }) => (
          <label key={type} className={`chip${fields.eventTypes.includes(type) ? ' is-on' : ''}`} title={description}>
            <input type="checkbox" checked={fields.eventTypes.includes(type)} onChange={() => set('eventTypes', toggled(fields.eventTypes, type, allTypes))} data-testid={`webhook-type-${type}`} />
            <span className="mono">{type}</span>
          </label>
        ))}
        {fields.eventTypes.length ? null : <span className="muted small">none ticked: every type</span>}
      </fieldset>
      <fieldset className="chip-group">
        <legend className="field-label">Streams</legend>
        {STREAMS.map((stream) => (
          <label key={stream} className={`chip${fields.streams.includes(stream) ? ' is-on' : ''}`}>
            <input type="checkbox" checked={fields.streams.includes(stream)} onChange={() => set('streams', toggled<Stream>(fields.streams, stream, STREAMS))} data-testid={`webhook-stream-${stream}`} />
            {STREAM_LABELS[stream]}
          </label>
        ))}
        {fields.streams.length ? null : <span className="muted small">none ticked: both (events about no message always pass)</span>}
      </fieldset>
      <label className="field">
        <span className="field-label">Only mail from these sender domains</span>
        <input className="text-input mono" value={fields.senderDomains} onChange={(event) => set('senderDomains', event.target.value)} placeholder="blank for every domain; or shop.example, news.example" data-testid="webhook-domains" />
      </label>
      <div className="form-row">
        <label className="field">
          <span className="field-label">Body format</span>
          <select className="select" value={fields.format} onChange={(event) => set('format', event.target.value as WebhookFormat)} data-testid="webhook-format">
            {(Object.keys(FORMAT_LABELS) as WebhookFormat[]).map((format) => <option key={format} value={format}>{FORMAT_LABELS[format]}</option>)}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Events per request (1-1000)</span>
          <input className="text-input mono" inputMode="numeric" value={fields.batchSize} onChange={(event) => set('batchSize', event.target.value)} data-testid="webhook-batch-size" />
        </label>
        <label className="field">
          <span className="field-label">A partial batch waits (ms)</span>
          <input className="text-input mono" inputMode="numeric" value={fields.batchIntervalMs} onChange={(event) => set('batchIntervalMs', event.target.value)} data-testid="webhook-batch-interval" />
        </label>
      </div>
      <label className="checkbox-field">
        <input type="checkbox" checked={fields.isEnabled} onChange={(event) => set('isEnabled', event.target.checked)} data-testid="webhook-enabled" />
        Enabled (a disabled endpoint keeps its events and catches up when enabled)
      </label>
      {problem ? <p className="form-error" role="alert">{problem}</p> : null}
      <ErrorBanner error={error} />
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>Cancel</button>
        <button type="submit" className="button-primary" disabled={isPending} data-testid="webhook-submit">{isPending ? 'Saving…' : submitLabel}</button>
      </div>
    </form>
  );
}
