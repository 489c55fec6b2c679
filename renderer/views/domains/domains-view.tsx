// Domains & DNS: the sending domains with their status (live through domains.live), adding
// and removing them, and one domain opened below with its records, checks and DKIM rotation.
import { useState } from 'react';
import { useStore } from 'zustand';
import type { DomainInput, DomainView } from '../../../engine/api/contract';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorBanner } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { useNow } from '../../lib/hooks';
import { plural } from '../../lib/labels';
import { useMutation } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';
import { AddDomainForm } from './add-domain-form';
import { dkimKeys } from './domain-labels';
import { DomainDetail } from './domain-detail';
import { DomainList } from './domain-list';
import { useDomainsLive } from './use-domains-live';

export function DomainsView() {
  const { client, notices } = useConsole();
  const show = useStore(notices, (state) => state.show);
  const live = useDomainsLive(client);
  const now = useNow(30_000);
  const [selected, setSelected] = useState<string | null>(null);
  const [isAdding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<DomainView | null>(null);
  const opened = live.domains?.find((view) => view.domain === selected) ?? null;

  const add = useMutation(async (input: DomainInput) => {
    const added = await client.call('domains.add', input);
    live.merge(added);
    setSelected(added.domain);
    setAdding(false);
    show(`Added ${added.domain}. Publish its records, then verify.`);
  });
  const remove = useMutation(async (view: DomainView) => {
    await client.call('domains.remove', { domain: view.domain });
    setRemoving(null);
    if (selected === view.domain) setSelected(null);
    show(`Removed ${view.domain} and its DKIM keys.`);
  });

  const removingKeys = removing ? [...dkimKeys(removing, 'active'), ...dkimKeys(removing, 'pending'), ...dkimKeys(removing, 'retired')] : [];
  return (
    <div className="page" data-testid="domains-page">
      <PageHeader
        title="Domains & DNS"
        subtitle="The domains you send from: the SPF, DKIM, DMARC and return-path records to publish, checked against live DNS."
        actions={<button type="button" className="button-primary" onClick={() => { add.clearError(); setAdding(true); }} data-testid="domain-add">Add domain</button>}
      />
      <Panel title="Sending domains" description="Live: checks, status changes and rotations show as they happen." testId="domains-panel">
        <ErrorBanner error={live.error} />
        {live.domains === null && !live.error ? <p className="muted domain-panel-body">Loading…</p> : null}
        {live.domains?.length === 0 ? (
          <p className="empty" data-testid="domains-empty">No sending domain yet. Add the domain your applications send from to get the records to publish.</p>
        ) : null}
        {live.domains?.length ? <DomainList domains={live.domains} selected={selected} now={now} onOpen={setSelected} onRemove={setRemoving} /> : null}
      </Panel>
      {opened ? <DomainDetail key={opened.domain} view={opened} now={now} onChanged={live.merge} onRemove={() => setRemoving(opened)} /> : null}
      {isAdding ? <AddDomainForm isPending={add.isPending} error={add.error} onSubmit={(input) => void add.run(input)} onCancel={() => setAdding(false)} /> : null}
      {removing ? (
        <ConfirmDialog
          title={`Remove ${removing.domain}?`}
          confirmLabel={`Remove ${removing.domain}`}
          isDestructive
          isPending={remove.isPending}
          error={remove.error}
          onConfirm={() => void remove.run(removing)}
          onCancel={() => { remove.clearError(); setRemoving(null); }}
          testId="domain-remove-dialog"
        >
          <p data-testid="domain-remove-summary">
            Relaydesk deletes its {plural(removingKeys.length, 'DKIM key')} ({removingKeys.map((key) => key.selector).join(', ') || 'none'}): mail from {removing.domain} is
            no longer signed{removing.returnPathDomain ? `, and bounces to ${removing.returnPathDomain} are no longer accepted` : ''}.
            The records stay in your DNS until you delete them there.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
