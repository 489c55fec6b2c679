// SMTP credentials: list, add (the secret shown once), edit scopes, enable/disable,
// rotate with a grace period, revoke.
import { useState } from 'react';
import { useStore } from 'zustand';
import type { CredentialInput, CredentialIssued, CredentialView } from '../../../engine/api/contract';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Dialog } from '../../components/dialog';
import { ErrorBanner } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { useNow } from '../../lib/hooks';
import { useCall, useMutation } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';
import { CredentialForm } from './credential-form';
import { CredentialsTable, type CredentialAction } from './credentials-table';
import { RotateDialog } from './rotate-dialog';
import { SecretReveal } from './secret-reveal';

type Open = { kind: 'add' } | { kind: CredentialAction; credential: CredentialView } | { kind: 'secret'; issued: CredentialIssued } | null;

export function CredentialsView() {
  const { client, notices } = useConsole();
  const show = useStore(notices, (state) => state.show);
  const [includeRevoked, setIncludeRevoked] = useState(false);
  const credentials = useCall(client, 'credentials.list', { includeRevoked });
  const [open, setOpen] = useState<Open>(null);
  const now = useNow(30_000);

  const done = (message: string, next: Open = null) => {
    show(message);
    credentials.reload();
    setOpen(next);
  };
  const add = useMutation(async (input: CredentialInput) => {
    const issued = await client.call('credentials.add', input);
    done(`Created ${issued.username}.`, { kind: 'secret', issued });
  });
  const update = useMutation(async (credential: CredentialView, patch: Partial<CredentialInput>) => {
    const { username: _username, ...rest } = patch;
    await client.call('credentials.update', { username: credential.username, patch: rest });
    done(`Saved ${credential.username}.`);
  });
  const rotate = useMutation(async (credential: CredentialView, graceMs: number) => {
    const issued = await client.call('credentials.rotate', { username: credential.username, ...(graceMs ? { previousValidUntil: Date.now() + graceMs } : {}) });
    done(`Issued a new secret for ${credential.username}.`, { kind: 'secret', issued });
  });
  const revoke = useMutation(async (credential: CredentialView) => {
    await client.call('credentials.revoke', { username: credential.username });
    done(`Revoked ${credential.username}.`);
  });

  const onAction = (credential: CredentialView, action: CredentialAction) => {
    if (action === 'toggle') void update.run(credential, { isEnabled: !credential.isEnabled });
    else setOpen({ kind: action, credential });
  };

  return (
    <div className="page" data-testid="credentials-page">
      <PageHeader
        title="Credentials"
        subtitle="SMTP usernames applications submit with, each scoped to sender domains, a stream, networks and a rate."
        actions={<button type="button" className="button-primary" onClick={() => setOpen({ kind: 'add' })} data-testid="credential-add">Add credential</button>}
      />
      <label className="checkbox-field">
        <input type="checkbox" checked={includeRevoked} onChange={(event) => setIncludeRevoked(event.target.checked)} />
        Show revoked credentials
      </label>
      <ErrorBanner error={credentials.error ?? update.error} />
      <Panel title="Credentials" testId="credentials-panel">
        {credentials.data?.length === 0 ? <p className="empty" data-testid="credentials-empty">No credentials yet. Add one for each application that sends through Relaydesk.</p> : null}
        {credentials.data?.length ? <CredentialsTable credentials={credentials.data} now={now} onAction={onAction} /> : null}
      </Panel>
      {open?.kind === 'add' ? (
        <Dialog title="Add a credential" onClose={() => setOpen(null)} testId="credential-add-dialog" wide>
          <CredentialForm initial={null} isPending={add.isPending} error={add.error} submitLabel="Create and show the secret" onSubmit={(input) => void add.run(input)} onCancel={() => setOpen(null)} />
        </Dialog>
      ) : null}
      {open?.kind === 'edit' ? (
        <Dialog title={`Edit ${open.credential.username}`} onClose={() => setOpen(null)} testId="credential-edit-dialog" wide>
          <CredentialForm initial={open.credential} isPending={update.isPending} error={update.error} submitLabel="Save" onSubmit={(input) => void update.run(open.credential, input)} onCancel={() => setOpen(null)} />
        </Dialog>
      ) : null}
      {open?.kind === 'rotate' ? (
        <RotateDialog credential={open.credential} isPending={rotate.isPending} error={rotate.error} onRotate={(graceMs) => void rotate.run(open.credential, graceMs)} onCancel={() => setOpen(null)} />
      ) : null}
      {open?.kind === 'revoke' ? (
        <ConfirmDialog
          title={`Revoke ${open.credential.username}?`}
          confirmLabel="Revoke for good"
          isDestructive
          isPending={revoke.isPending}
          error={revoke.error}
          onConfirm={() => void revoke.run(open.credential)}
          onCancel={() => setOpen(null)}
          testId="revoke-dialog"
        >
          <p>Applications using it fail from their next AUTH. A revoked credential cannot be restored; add a new one instead.</p>
        </ConfirmDialog>
      ) : null}
      {open?.kind === 'secret' ? <SecretReveal issued={open.issued} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}
