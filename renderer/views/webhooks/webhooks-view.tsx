// Webhooks: endpoints with their filters, format and recent success (live), adding and
// editing them, the signing secret shown once (on create and rotate) with verification
// code, test events, each endpoint's request log and queued events, replay and removal.
import { useState } from 'react';
import { useStore } from 'zustand';
import type { WebhookEventType, WebhookInput, WebhookIssued, WebhookView } from '../../../engine/api/contract';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Dialog } from '../../components/dialog';
import { ErrorBanner } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { useNow } from '../../lib/hooks';
import { plural } from '../../lib/labels';
import { useCall, useMutation } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';
import { EndpointDetail, type EndpointAction } from './endpoint-detail';
import { ReplayDialog } from './replay-dialog';
import { SecretDialog } from './secret-dialog';
import { useWebhooksLive } from './use-webhooks-live';
import { WebhookForm } from './webhook-form';
import { WebhooksTable } from './webhooks-table';

type Open = { kind: 'add' | 'edit' | 'rotate' | 'replay' | 'remove' } | { kind: 'secret'; issued: WebhookIssued; isRotation: boolean } | null;

export function WebhooksView() {
  const { client, notices } = useConsole();
  const show = useStore(notices, (state) => state.show);
  const live = useWebhooksLive(client);
  const eventTypes = useCall(client, 'webhooks.eventTypes', {});
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [open, setOpen] = useState<Open>(null);
  const now = useNow(1000);
  const selected = live.webhooks?.find((webhook) => webhook.id === selectedId) ?? null;

  const create = useMutation(async (input: WebhookInput) => {
    const issued = await client.call('webhooks.create', input);
    setSelectedId(issued.webhook.id);
    setOpen({ kind: 'secret', issued, isRotation: false });
  });
  const update = useMutation(async (webhook: WebhookView, patch: Partial<WebhookInput>) => {
    const saved = await client.call('webhooks.update', { id: webhook.id, patch });
    show(patch.isEnabled !== undefined && Object.keys(patch).length === 1
      ? `${saved.isEnabled ? 'Enabled' : 'Disabled'} ${saved.name}.${saved.isEnabled && saved.pending ? ` Sending the ${plural(saved.pending, 'event')} that waited.` : ''}`
      : `Saved ${saved.name}.`);
    setOpen(null);
  });
  const rotate = useMutation(async (webhook: WebhookView) => {
    setOpen({ kind: 'secret', issued: await client.call('webhooks.rotateSecret', { id: webhook.id }), isRotation: true });
  });
  const remove = useMutation(async (webhook: WebhookView) => {
    await client.call('webhooks.remove', { id: webhook.id });
    show(`Removed ${webhook.name} with its queue and request log.`);
    setSelectedId(null);
    setOpen(null);
  });
  const replay = useMutation(async (webhook: WebhookView, range: { from: number; to?: number; eventTypes?: WebhookEventType[] }) => {
    const { queued } = await client.call('webhooks.replay', { id: webhook.id, ...range });
    show(queued ? `Queued ${plural(queued, 'event')} to ${webhook.name} again.` : 'No stored events in that range pass the endpoint\'s filters.');
    setOpen(null);
  });
  const test = useMutation(async (webhook: WebhookView) => {
    const attempt = await client.call('webhooks.test', { id: webhook.id });
    show(attempt.isSuccess ? `Test event delivered: ${attempt.status} in ${attempt.durationMs} ms.` : `Test event failed: ${attempt.error ?? 'no answer'}`, attempt.isSuccess ? 'ok' : 'bad');
  });

  const onAction = (webhook: WebhookView, action: EndpointAction) => {
    if (action === 'test') void test.run(webhook);
    else if (action === 'toggle') void update.run(webhook, { isEnabled: !webhook.isEnabled });
    else setOpen({ kind: action });
  };
  const closeDialog = () => {
    for (const mutation of [create, update, rotate, remove, replay]) mutation.clearError();
    setOpen(null);
  };

  return (
    <div className="page" data-testid="webhooks-page">
      <PageHeader
        title="Webhooks"
        subtitle="Delivery, engagement and reputation events posted to your applications, signed with HMAC-SHA256 and retried with backoff for 24 hours."
        actions={<button type="button" className="button-primary" onClick={() => setOpen({ kind: 'add' })} data-testid="webhook-add">Add endpoint</button>}
      />
      <ErrorBanner error={live.error ?? eventTypes.error ?? (open === null ? update.error ?? test.error : null)} />
      <Panel title="Endpoints" description="Live: each request updates its endpoint's state." testId="webhooks-panel">
        {live.webhooks === null ? <p className="muted">Loading…</p> : null}
        {live.webhooks?.length === 0 ? <p className="empty" data-testid="webhooks-empty">No endpoints yet. Add one to receive events as they happen; events are kept for every endpoint from its creation on.</p> : null}
        {live.webhooks?.length ? <WebhooksTable webhooks={live.webhooks} selectedId={selectedId} now={now} onSelect={(webhook) => setSelectedId(webhook.id)} /> : null}
      </Panel>
      {selected ? (
        <EndpointDetail
          key={selected.id}
          client={client}
          webhook={selected}
          liveAttempts={live.attempts}
          now={now}
          isTesting={test.isPending}
          onAction={(action) => onAction(selected, action)}
          onRedelivered={(delivery) => show(`Queued ${delivery.type} (${delivery.eventId}) to ${selected.name} again.`)}
        />
      ) : null}
      {open?.kind === 'add' || (open?.kind === 'edit' && selected) ? (
        <Dialog title={open.kind === 'add' ? 'Add a webhook endpoint' : `Edit ${selected?.name ?? ''}`} onClose={closeDialog} testId="webhook-dialog" wide>
          <WebhookForm
            initial={open.kind === 'edit' ? selected : null}
            eventTypes={eventTypes.data ?? []}
            isPending={create.isPending || update.isPending}
            error={create.error ?? update.error}
            submitLabel={open.kind === 'add' ? 'Create and show the secret' : 'Save'}
            onSubmit={(input) => void (open.kind === 'add' || !selected ? create.run(input) : update.run(selected, input))}
            onCancel={closeDialog}
          />
        </Dialog>
      ) : null}
      {open?.kind === 'secret' ? <SecretDialog issued={open.issued} isRotation={open.isRotation} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'rotate' && selected ? (
        <ConfirmDialog title={`Rotate the secret of ${selected.name}?`} confirmLabel="Issue a new secret" isPending={rotate.isPending} error={rotate.error} onConfirm={() => void rotate.run(selected)} onCancel={closeDialog} testId="webhook-rotate-dialog">
          <p>The current secret stops working at once: requests from then on are signed with the new one, so update your receiver right after.</p>
        </ConfirmDialog>
      ) : null}
      {open?.kind === 'replay' && selected ? (
        <ReplayDialog webhook={selected} eventTypes={(eventTypes.data ?? []).map((entry) => entry.type)} isPending={replay.isPending} error={replay.error} onReplay={(range) => void replay.run(selected, range)} onCancel={closeDialog} />
      ) : null}
      {open?.kind === 'remove' && selected ? (
        <ConfirmDialog title={`Remove ${selected.name}?`} confirmLabel="Remove endpoint" isDestructive isPending={remove.isPending} error={remove.error} onConfirm={() => void remove.run(selected)} onCancel={closeDialog} testId="webhook-remove-dialog">
          <p>
            Relaydesk stops posting to <span className="mono">{selected.url}</span> and deletes its request log
            {selected.pending || selected.failed ? <>, and <strong data-testid="webhook-remove-count">{plural(selected.pending + selected.failed, 'undelivered event')}</strong> ({selected.pending} pending, {selected.failed} failed) are lost</> : ''}.
            This cannot be undone.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
