// A domain's sending policy (accept its mail before it is verified), its second Ed25519
// signature and its return-path domain, each saved through domains.update.
import { useState, type FormEvent } from 'react';
import type { DomainPatch, DomainView } from '../../../engine/api/contract';
import { ErrorBanner } from '../../components/error-banner';
import { Panel } from '../../components/panel';
import type { Mutation } from '../../lib/use-call';

interface DomainSettingsProps {
  view: DomainView;
  save: Mutation<[DomainPatch], DomainView>;
}

export function DomainSettings({ view, save }: DomainSettingsProps) {
  const [returnPath, setReturnPath] = useState(view.returnPathDomain ?? '');
  const typed = returnPath.trim().toLowerCase();
  const isReturnPathChanged = typed !== (view.returnPathDomain ?? '');
  const saveReturnPath = (event: FormEvent) => {
    event.preventDefault();
    void save.run({ returnPathDomain: typed || null });
  };
  return (
    <Panel title="Sending policy and signing" testId="domain-settings">
      <div className="domain-panel-body form">
        <p className="small" data-testid="domain-sending-reason">{view.sending.reason}</p>
        <label className="checkbox-field">
          <input type="checkbox" checked={view.allowUnverified} disabled={save.isPending} onChange={(event) => void save.run({ allowUnverified: event.target.checked })} data-testid="domain-allow-unverified" />
          Allow sending while unverified: accept mail from {view.domain} at MAIL FROM before its records are verified
        </label>
        <label className="checkbox-field">
          <input type="checkbox" checked={view.usesEd25519} disabled={save.isPending} onChange={(event) => void save.run({ usesEd25519: event.target.checked })} data-testid="domain-ed25519" />
          Add a second signature with an Ed25519 key (RFC 8463) next to the RSA 2048 one
        </label>
        <form className="form-row" onSubmit={saveReturnPath}>
          <label className="field">
            <span className="field-label">Return-path (bounce) domain</span>
            <input className="text-input mono" value={returnPath} onChange={(event) => setReturnPath(event.target.value)} placeholder="none: each sender's own address" data-testid="domain-return-path" />
          </label>
          <button type="submit" className="button" disabled={save.isPending || !isReturnPathChanged} data-testid="domain-return-path-save">Save return path</button>
        </form>
        <p className="small muted">
          With a bounce domain, envelope senders go out as VERP addresses on it, so a bounce names its message and recipient and SPF aligns with {view.domain}. It must be {view.domain} or a name below it.
        </p>
        <ErrorBanner error={save.error} />
      </div>
    </Panel>
  );
}
