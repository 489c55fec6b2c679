// Endpoints at a glance: where they post, what they receive, how recent attempts went and
// what waits. Choosing one opens its attempt log and actions below.
import type { WebhookView } from '../../../engine/api/contract';
import { Badge } from '../../components/badge';
import { DataTable } from '../../components/data-table';
import { formatCount, formatRelative } from '../../lib/format';
import { attemptStatusText, endpointState, eventFilterText, nextRetryText, scopeFilterText, successRateText } from './webhook-labels';

const COLUMNS = ['Endpoint', 'State', 'Sends', 'Recent success', 'Last attempt', 'Waiting'];

interface WebhooksTableProps {
  webhooks: WebhookView[];
  selectedId: number | null;
  now: number;
  onSelect(webhook: WebhookView): void;
}

export function WebhooksTable({ webhooks, selectedId, now, onSelect }: WebhooksTableProps) {
  return (
    <DataTable label="Webhook endpoints" testId="webhooks" columns={COLUMNS} className="selectable-rows">
      {webhooks.map((webhook) => {
        const state = endpointState(webhook);
        const last = webhook.lastAttempt;
        return (
          <tr key={webhook.id} className={webhook.id === selectedId ? 'is-selected' : undefined} data-testid={`webhook-row-${webhook.id}`}>
            <th scope="row">
              <button type="button" className="link-button strong" onClick={() => onSelect(webhook)} aria-pressed={webhook.id === selectedId} data-testid={`webhook-open-${webhook.id}`}>
                {webhook.name}
              </button>
              <span className="mono muted small block" data-testid={`webhook-url-${webhook.id}`}>{webhook.url}</span>
            </th>
            <td><Badge tone={state.tone} testId={`webhook-state-${webhook.id}`}>{state.text}</Badge></td>
            <td className="small">
              <span className="mono block">{eventFilterText(webhook)}</span>
              <span className="muted block">{scopeFilterText(webhook)}, {webhook.format === 'json' ? 'JSON' : 'JSON Lines'}</span>
            </td>
            <td className="small nowrap" data-testid={`webhook-rate-${webhook.id}`}>{successRateText(webhook.recent) ?? <span className="muted">no attempts yet</span>}</td>
            <td className="small nowrap" data-testid={`webhook-last-${webhook.id}`}>
              {last ? (
                <>
                  <Badge tone={last.isSuccess ? 'ok' : 'bad'}>{attemptStatusText(last)}</Badge>{' '}
                  {/* The clock ticks each second; an attempt newer than its last tick is "0s ago", not in the future. */}
                  <span className="muted">{formatRelative(Math.min(last.at, now), now)}</span>
                </>
              ) : <span className="muted">never</span>}
            </td>
            <td className="small nowrap" data-testid={`webhook-waiting-${webhook.id}`}>
              <span className="block">{formatCount(webhook.pending)} pending{webhook.failed ? `, ${formatCount(webhook.failed)} failed` : ''}</span>
              {nextRetryText(webhook, now) !== null ? <span className="muted block">retry {nextRetryText(webhook, now)}</span> : null}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
