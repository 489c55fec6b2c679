// Webhook compatibility: while receivers still expect the old provider's payloads, an endpoint
// can get events shaped like that provider's instead of Relaydesk's own (migration.webhookFormat).
import { useStore } from 'zustand';
import type { ProviderId, ProviderPlaybook } from '../../../engine/api/contract';
import { DataTable } from '../../components/data-table';
import { ErrorBanner } from '../../components/error-banner';
import { Panel } from '../../components/panel';
import { useCall, useMutation } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';

export function WebhookFormatPanel({ playbook, playbooks }: { playbook: ProviderPlaybook; playbooks: ProviderPlaybook[] }) {
  const { client, notices } = useConsole();
  const show = useStore(notices, (state) => state.show);
  const endpoints = useCall(client, 'webhooks.list', {});
  const formats = useCall(client, 'migration.webhookFormats', {});
  const change = useMutation(async (webhookId: number, name: string, provider: ProviderId | null) => {
    await client.call('migration.webhookFormat', { webhookId, provider });
    show(`${name} now receives ${provider ? `${playbooks.find((book) => book.id === provider)?.name ?? provider}-shaped` : 'Relaydesk\'s own'} payloads.`);
    formats.reload();
  });
  const formatOf = (webhookId: number) => formats.data?.find((entry) => entry.webhookId === webhookId)?.provider ?? '';

  return (
    <Panel title="Webhook compatibility" description={`${playbook.name}'s shape: ${playbook.webhooks.description}`} testId="webhook-formats">
      <div className="adoption-body">
        <ErrorBanner error={endpoints.error ?? formats.error ?? change.error} />
        {playbook.webhooks.facts.note ? <p className="muted small">{playbook.webhooks.facts.note}</p> : null}
        {endpoints.data?.length === 0 ? <p className="empty" data-testid="webhook-formats-empty">No webhook endpoints yet: add one on the Webhooks page where {playbook.name}'s webhooks went.</p> : null}
        {endpoints.data?.length && formats.data ? (
          <DataTable label="Payload shape per endpoint" testId="webhook-format-table" className="compact" columns={['Endpoint', 'URL', 'Payloads']}>
            {endpoints.data.map((endpoint) => (
              <tr key={endpoint.id}>
                <th scope="row">{endpoint.name}</th>
                <td className="mono truncate">{endpoint.url}</td>
                <td>
                  <select
                    className="select"
                    aria-label={`Payload shape for ${endpoint.name}`}
                    value={formatOf(endpoint.id)}
                    onChange={(event) => void change.run(endpoint.id, endpoint.name, (event.target.value || null) as ProviderId | null)}
                    disabled={change.isPending}
                    data-testid={`webhook-format-${endpoint.id}`}
                  >
                    <option value="">Relaydesk's own</option>
                    {playbooks.map((book) => <option key={book.id} value={book.id}>Shaped like {book.name}</option>)}
                  </select>
                </td>
              </tr>
            ))}
          </DataTable>
        ) : null}
      </div>
    </Panel>
  );
}
