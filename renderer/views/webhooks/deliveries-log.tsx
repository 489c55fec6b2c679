// The events queued for one endpoint, newest first, with their state; a delivered or
// failed one can be sent again with its original id. Re-read when the endpoint makes an
// attempt, since attempts are what move events on.
import { useState } from 'react';
import type { ApiClient, WebhookDeliveryView, WebhookView } from '../../../engine/api/contract';
import { Badge } from '../../components/badge';
import { DataTable, hiddenColumn } from '../../components/data-table';
import { ErrorBanner } from '../../components/error-banner';
import { formatDateTime } from '../../lib/format';
import { useKeysetList } from '../../lib/use-keyset-list';
import { useMutation } from '../../lib/use-call';
import { formatRoute } from '../../shell/routes';
import { DELIVERY_STATE_TONES } from './webhook-labels';

type StateFilter = WebhookDeliveryView['state'] | 'all';

const COLUMNS = ['Event', 'Message', 'State', 'Tries', 'Queued', 'Finished', 'Last error', hiddenColumn('Actions')];

interface DeliveriesLogProps {
  client: ApiClient;
  webhook: WebhookView;
  /** Changes whenever the endpoint made an attempt. */
  version: number;
  onRedelivered(delivery: WebhookDeliveryView): void;
}

export function DeliveriesLog({ client, webhook, version, onRedelivered }: DeliveriesLogProps) {
  const [state, setState] = useState<StateFilter>('all');
  const pages = useKeysetList(`deliveries:${webhook.id}:${state}:${version}`, (cursor) => client.call('webhooks.deliveries', {
    id: webhook.id, ...(state === 'all' ? {} : { state }), ...(cursor ? { cursor } : {}),
  }));
  const redeliver = useMutation(async (delivery: WebhookDeliveryView) => {
    await client.call('webhooks.redeliver', { id: webhook.id, deliveryId: delivery.id });
    onRedelivered(delivery);
    pages.reload();
  });
  return (
    <div data-testid="deliveries-log">
      <label className="field deliveries-filter">
        <span className="field-label">Show</span>
        <select className="select" value={state} onChange={(event) => setState(event.target.value as StateFilter)} data-testid="deliveries-state">
          <option value="all">Every event</option>
          <option value="pending">Pending</option>
          <option value="delivered">Delivered</option>
          <option value="failed">Failed (given up)</option>
        </select>
      </label>
      <ErrorBanner error={pages.error ?? redeliver.error} />
      {pages.items.length === 0 && pages.isComplete ? <p className="empty" data-testid="deliveries-empty">No events queued for this endpoint{state === 'all' ? '' : ` in state ${state}`}.</p> : null}
      {pages.items.length ? (
        <DataTable label={`Events for ${webhook.name}`} testId="deliveries" columns={COLUMNS}>
          {pages.items.map((delivery) => (
            <tr key={delivery.id} data-testid={`delivery-${delivery.id}`}>
              <th scope="row" className="small">
                <span className="mono block">{delivery.type}</span>
                <span className="mono muted block">{delivery.eventId}</span>
              </th>
              <td className="mono small">{delivery.messageId ? <a href={formatRoute({ page: 'message', id: delivery.messageId })}>{delivery.messageId}</a> : '—'}</td>
              <td><Badge tone={DELIVERY_STATE_TONES[delivery.state]} testId={`delivery-state-${delivery.id}`}>{delivery.state}</Badge></td>
              <td className="mono small">{delivery.attempts}</td>
              <td className="mono small nowrap">{formatDateTime(delivery.createdAt)}</td>
              <td className="mono small nowrap">{delivery.finishedAt ? formatDateTime(delivery.finishedAt) : '—'}</td>
              <td className="small">{delivery.lastError ?? ''}</td>
              <td className="row-actions">
                {delivery.state === 'pending' ? null : (
                  <button type="button" className="button button-small" onClick={() => void redeliver.run(delivery)} disabled={redeliver.isPending} data-testid={`delivery-redeliver-${delivery.id}`}>
                    Send again
                  </button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {!pages.isComplete && pages.items.length ? (
        <button type="button" className="button load-more" onClick={pages.loadMore} disabled={pages.isLoading} data-testid="deliveries-more">Older events</button>
      ) : null}
    </div>
  );
}
