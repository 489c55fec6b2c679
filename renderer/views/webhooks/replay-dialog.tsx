// Queues the stored events of a time range to an endpoint again (behind what waits, with
// their original ids): to give a new endpoint history, or after a receiver lost events.
import { useState } from 'react';
import type { ApiError, WebhookEventType, WebhookView } from '../../../engine/api/contract';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { toggled } from './webhook-fields';

interface ReplayDialogProps {
  webhook: WebhookView;
  eventTypes: readonly WebhookEventType[];
  isPending: boolean;
  error: ApiError | null;
  onReplay(range: { from: number; to?: number; eventTypes?: WebhookEventType[] }): void;
  onCancel(): void;
}

const HOUR_MS = 3_600_000;

/** The value a datetime-local input takes for `at`, in local time. */
function localInput(at: number): string {
  const date = new Date(at - new Date(at).getTimezoneOffset() * 60_000);
  return date.toISOString().slice(0, 16);
}

export function ReplayDialog({ webhook, eventTypes, isPending, error, onReplay, onCancel }: ReplayDialogProps) {
  const [from, setFrom] = useState(() => localInput(Date.now() - HOUR_MS));
  const [to, setTo] = useState('');
  const [types, setTypes] = useState<WebhookEventType[]>(webhook.eventTypes);
  const fromAt = Date.parse(from);
  const toAt = to ? Date.parse(to) : null;
  const problem = Number.isNaN(fromAt) ? 'Choose when the range starts.' : toAt !== null && !(toAt > fromAt) ? 'The end must be after the start.' : null;
  const replay = () => {
    if (problem === null) onReplay({ from: fromAt, ...(toAt !== null ? { to: toAt } : {}), ...(types.length ? { eventTypes: types } : {}) });
  };
  return (
    <ConfirmDialog
      title={`Replay events to ${webhook.name}`}
      confirmLabel="Queue the events"
      isReady={problem === null}
      isPending={isPending}
      error={error}
      onConfirm={replay}
      onCancel={onCancel}
      testId="replay-dialog"
    >
      <p>Every stored event of the range that passes the endpoint's stream and domain filters is queued again, after what already waits. Receivers see the original event ids, so they can ignore repeats.</p>
      <div className="form-row">
        <label className="field">
          <span className="field-label">From</span>
          <input className="text-input" type="datetime-local" value={from} onChange={(event) => setFrom(event.target.value)} data-testid="replay-from" />
        </label>
        <label className="field">
          <span className="field-label">Until (blank: now)</span>
          <input className="text-input" type="datetime-local" value={to} onChange={(event) => setTo(event.target.value)} data-testid="replay-to" />
        </label>
      </div>
      <fieldset className="chip-group">
        <legend className="field-label">Event types</legend>
        {eventTypes.map((type) => (
          <label key={type} className={`chip${types.includes(type) ? ' is-on' : ''}`}>
            <input type="checkbox" checked={types.includes(type)} onChange={() => setTypes(toggled(types, type, eventTypes))} />
            <span className="mono">{type}</span>
          </label>
        ))}
        {types.length ? null : <span className="muted small">none ticked: every type</span>}
      </fieldset>
      {problem ? <p className="form-error" role="alert">{problem}</p> : null}
    </ConfirmDialog>
  );
}
