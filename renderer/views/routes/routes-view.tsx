// Routes (the sandbox, direct MX delivery, and smarthosts) and the rules that pick one.
import { useState } from 'react';
import { useStore } from 'zustand';
import type { RouteInput, RouteView, RoutingRules } from '../../../engine/api/contract';
import { Badge } from '../../components/badge';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Dialog } from '../../components/dialog';
import { ErrorBanner } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { DataTable, hiddenColumn } from '../../components/data-table';
import { Panel } from '../../components/panel';
import { formatEndpoint } from '../../lib/format';
import { useCall, useMutation } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';
import { RoutingForm } from './routing-form';
import { SmarthostForm } from './smarthost-form';

const KIND_TEXT: Record<RouteView['kind'], string> = {
  sandbox: 'Captures mail here; nothing leaves this machine.',
  direct: 'Delivers straight to each recipient domain\'s MX hosts.',
  smarthost: 'Hands mail to an upstream provider.',
};

export function RoutesView() {
  const { client, notices } = useConsole();
  const show = useStore(notices, (state) => state.show);
  const routes = useCall(client, 'routes.list', {});
  const rules = useCall(client, 'routing.get', {});
  const [editing, setEditing] = useState<RouteView | 'new' | null>(null);
  const [removing, setRemoving] = useState<RouteView | null>(null);

  const save = useMutation(async (input: RouteInput) => {
    await client.call('routes.save', input);
    show(`Saved route ${input.name}.`);
    routes.reload();
    setEditing(null);
  });
  const remove = useMutation(async (route: RouteView) => {
    await client.call('routes.remove', { name: route.name });
    show(`Removed route ${route.name}.`);
    routes.reload();
    setRemoving(null);
  });
  const saveRules = useMutation(async (next: RoutingRules) => {
    await client.call('routing.set', next);
    show('Saved the routing rules.');
    rules.reload();
  });

  return (
    <div className="page" data-testid="routes-page">
      <PageHeader
        title="Routes"
        subtitle="Where mail goes: captured in the sandbox, straight to MX hosts, or through a provider."
        actions={<button type="button" className="button-primary" onClick={() => setEditing('new')} data-testid="route-add">Add smarthost</button>}
      />
      <Panel title="Routes" testId="routes-panel">
        <ErrorBanner error={routes.error} />
        {routes.data ? (
          <DataTable label="Routes" testId="routes" columns={['Route', 'Kind', 'Where', hiddenColumn('Actions')]}>
            {routes.data.map((route) => (
              <tr key={route.name} data-testid={`route-${route.name}`}>
                <th scope="row" className="mono">{route.name}</th>
                <td><Badge tone={route.kind === 'sandbox' ? 'info' : 'neutral'}>{route.kind}</Badge></td>
                <td>
                  {route.smarthost
                    ? <span className="mono">{formatEndpoint(route.smarthost.host, route.smarthost.port)} · {route.smarthost.tls}{route.smarthost.username ? ` · ${route.smarthost.username}` : ''}{route.smarthost.hasPassword ? ' · password stored' : ''}</span>
                    : <span className="muted">{KIND_TEXT[route.kind]}</span>}
                </td>
                <td className="row-actions">
                  <div>
                    {route.kind === 'smarthost' ? (
                      <>
                        <button type="button" className="button button-small" onClick={() => setEditing(route)}>Edit</button>
                        <button type="button" className="button button-small button-danger-outline" onClick={() => setRemoving(route)}>Remove</button>
                      </>
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </DataTable>
        ) : null}
      </Panel>
      <Panel title="Routing" description="Sender domain rule, then stream rule, then the default; then the split." testId="routing-panel">
        <ErrorBanner error={rules.error} />
        {rules.data && routes.data ? <RoutingForm rules={rules.data} routes={routes.data} isPending={saveRules.isPending} error={saveRules.error} onSave={(next) => void saveRules.run(next)} /> : null}
      </Panel>
      {editing ? (
        <Dialog title={editing === 'new' ? 'Add a smarthost route' : `Edit ${editing.name}`} onClose={() => setEditing(null)} testId="smarthost-dialog" wide>
          <SmarthostForm route={editing === 'new' ? null : editing} isPending={save.isPending} error={save.error} onSave={(input) => void save.run(input)} onCancel={() => setEditing(null)} />
        </Dialog>
      ) : null}
      {removing ? (
        <ConfirmDialog title={`Remove route ${removing.name}?`} confirmLabel="Remove route" isDestructive isPending={remove.isPending} error={remove.error} onConfirm={() => void remove.run(removing)} onCancel={() => setRemoving(null)} testId="route-remove-confirm">
          <p>A route that a routing rule still uses cannot be removed; change the rules first.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
