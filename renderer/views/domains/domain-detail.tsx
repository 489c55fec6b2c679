// One sending domain opened: its status and when it was checked, "verify now", its policy
// and signing settings, the DKIM rotation, and every record to publish with its check.
import { useState } from 'react';
import { useStore } from 'zustand';
import type { DomainPatch, DomainView } from '../../../engine/api/contract';
import { Badge } from '../../components/badge';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorBanner } from '../../components/error-banner';
import { formatDateTime } from '../../lib/format';
import { useMutation } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';
import { DOMAIN_STATUS, dkimKeys } from './domain-labels';
import { DomainSettings } from './domain-settings';
import { RecordsPanel } from './records-panel';
import { RotationPanel } from './rotation-panel';

interface DomainDetailProps {
  view: DomainView;
  now: number;
  /** Shows a view a call returned at once (its live event may come a moment later). */
  onChanged(view: DomainView): void;
  onRemove(): void;
}

export function DomainDetail({ view, now, onChanged, onRemove }: DomainDetailProps) {
  const { client, notices } = useConsole();
  const show = useStore(notices, (state) => state.show);
  const [isRotating, setRotating] = useState(false);
  const status = DOMAIN_STATUS[view.status];
  const domain = view.domain;

  const verify = useMutation(async () => {
    const checked = await client.call('domains.verify', { domain });
    onChanged(checked);
    show(`Checked ${domain}: ${DOMAIN_STATUS[checked.status].label.toLowerCase()}.`);
  });
  const save = useMutation(async (patch: DomainPatch) => {
    const saved = await client.call('domains.update', { domain, patch });
    onChanged(saved);
    show(`Saved ${domain}.`);
    return saved;
  });
  const rotate = useMutation(async () => {
    const rotated = await client.call('domains.rotateDkim', { domain });
    onChanged(rotated);
    setRotating(false);
    show(`Rotation of ${domain} started: publish ${rotated.rotation.pendingSelectors.join(' and ')}.`);
  });

  return (
    <section className="domain-detail" aria-labelledby="domain-detail-title" data-testid="domain-detail">
      <header className="domain-detail-header">
        <div>
          <h2 id="domain-detail-title" className="domain-detail-title">
            <span className="mono" data-testid="domain-detail-name">{domain}</span>{' '}
            <Badge tone={status.tone} testId="domain-detail-status">{status.label}</Badge>
          </h2>
          <p className="small muted">{status.meaning}</p>
        </div>
        <div className="page-actions">
          <button type="button" className="button-primary" onClick={() => void verify.run()} disabled={verify.isPending} data-testid="domain-verify">
            {verify.isPending ? 'Checking DNS…' : 'Verify now'}
          </button>
          <button type="button" className="button button-danger-outline" onClick={onRemove} data-testid="domain-detail-remove">Remove</button>
        </div>
      </header>
      <dl className="facts facts-row">
        <div><dt>Last checked</dt><dd data-testid="domain-checked-at">{view.checkedAt === null ? 'not yet' : formatDateTime(view.checkedAt)}</dd></div>
        <div><dt>Last became verified</dt><dd>{view.verifiedAt === null ? 'never' : formatDateTime(view.verifiedAt)}</dd></div>
        <div><dt>Return path</dt><dd className="mono">{view.returnPathDomain ?? 'sender\'s own address'}</dd></div>
        <div><dt>Signatures</dt><dd>{view.usesEd25519 ? 'RSA 2048 and Ed25519' : 'RSA 2048'}</dd></div>
        <div><dt>Added</dt><dd>{formatDateTime(view.createdAt)}</dd></div>
      </dl>
      <ErrorBanner error={verify.error} testId="domain-verify-error" />
      <div className="panel-row">
        <DomainSettings key={`${domain}|${view.returnPathDomain ?? ''}`} view={view} save={save} />
        <RotationPanel view={view} now={now} onRotate={() => setRotating(true)} />
      </div>
      <RecordsPanel client={client} view={view} now={now} />
      {isRotating ? (
        <ConfirmDialog
          title={`Rotate the DKIM keys of ${domain} now?`}
          confirmLabel="Start rotation"
          isPending={rotate.isPending}
          error={rotate.error}
          onConfirm={() => void rotate.run()}
          onCancel={() => setRotating(false)}
          testId="domain-rotate-dialog"
        >
          <p>
            Relaydesk makes {view.usesEd25519 ? 'a new RSA 2048 and a new Ed25519 key' : 'a new RSA 2048 key'} under a new selector. Mail stays signed
            with {dkimKeys(view, 'active').map((key) => key.selector).join(' and ') || 'the current keys'} until DNS serves the new record; then signing
            switches, and the old record is listed for removal after the grace period.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
