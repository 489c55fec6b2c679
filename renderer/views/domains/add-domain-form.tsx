// Adds a sending domain: its name, the DKIM keys (RSA 2048 always, Ed25519 as a second
// signature if asked), the first selector, the return-path (bounce) domain and whether its
// mail is accepted before it is verified.
import { useState, type FormEvent } from 'react';
import type { ApiError, DomainInput } from '../../../engine/api/contract';
import { Dialog } from '../../components/dialog';
import { ErrorBanner } from '../../components/error-banner';

interface AddDomainFormProps {
  isPending: boolean;
  error: ApiError | null;
  onSubmit(input: DomainInput): void;
  onCancel(): void;
}

/** The engine's default first selector: `<prefix>-<yyyymmdd>` (UTC), shown as a placeholder. */
function defaultSelector(prefix: string): string {
  return `${prefix || 'rd'}-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`;
}

export function AddDomainForm({ isPending, error, onSubmit, onCancel }: AddDomainFormProps) {
  const [domain, setDomain] = useState('');
  const [usesEd25519, setUsesEd25519] = useState(false);
  const [selector, setSelector] = useState('');
  const [selectorPrefix, setSelectorPrefix] = useState('');
  const [hasReturnPath, setHasReturnPath] = useState(true);
  const [returnPathDomain, setReturnPathDomain] = useState('');
  const [allowUnverified, setAllowUnverified] = useState(false);
  const name = domain.trim().toLowerCase();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({
      domain: name,
      usesEd25519,
      allowUnverified,
      ...(selector.trim() ? { selector: selector.trim() } : {}),
      ...(selectorPrefix.trim() ? { selectorPrefix: selectorPrefix.trim() } : {}),
      // Left out, the engine uses bounces.<domain>; null keeps each sender's own address.
      ...(!hasReturnPath ? { returnPathDomain: null } : returnPathDomain.trim() ? { returnPathDomain: returnPathDomain.trim() } : {}),
    });
  };

  return (
    <Dialog title="Add a sending domain" onClose={onCancel} testId="domain-add-dialog" wide>
      <form className="form" onSubmit={submit} data-testid="domain-add-form">
        <label className="field">
          <span className="field-label">Domain</span>
          <input className="text-input mono" value={domain} onChange={(event) => setDomain(event.target.value)} placeholder="example.com" required data-testid="domain-add-name" />
        </label>
        <fieldset className="fieldset">
          <legend className="field-label">DKIM signing</legend>
          <p className="small muted">Every message is signed with an RSA 2048 key (rsa-sha256), which every receiver verifies.</p>
          <label className="checkbox-field">
            <input type="checkbox" checked={usesEd25519} onChange={(event) => setUsesEd25519(event.target.checked)} data-testid="domain-add-ed25519" />
            Also sign with an Ed25519 key (RFC 8463), a second signature for receivers that verify it
          </label>
          <div className="form-row">
            <label className="field">
              <span className="field-label">First selector</span>
              <input className="text-input mono" value={selector} onChange={(event) => setSelector(event.target.value)} placeholder={defaultSelector(selectorPrefix.trim())} data-testid="domain-add-selector" />
            </label>
            <label className="field">
              <span className="field-label">Prefix of rotated selectors</span>
              <input className="text-input mono" value={selectorPrefix} onChange={(event) => setSelectorPrefix(event.target.value)} placeholder="rd" data-testid="domain-add-prefix" />
            </label>
          </div>
        </fieldset>
        <fieldset className="fieldset">
          <legend className="field-label">Return path (bounces)</legend>
          <label className="checkbox-field">
            <input type="checkbox" checked={hasReturnPath} onChange={(event) => setHasReturnPath(event.target.checked)} data-testid="domain-add-has-return-path" />
            Send with an envelope sender on a bounce domain of this relay (VERP), so SPF aligns and bounces come back here
          </label>
          {hasReturnPath ? (
            <label className="field">
              <span className="field-label">Bounce domain</span>
              <input className="text-input mono" value={returnPathDomain} onChange={(event) => setReturnPathDomain(event.target.value)} placeholder={`bounces.${name || 'example.com'}`} data-testid="domain-add-return-path" />
            </label>
          ) : null}
        </fieldset>
        <label className="checkbox-field">
          <input type="checkbox" checked={allowUnverified} onChange={(event) => setAllowUnverified(event.target.checked)} data-testid="domain-add-allow-unverified" />
          Accept mail from this domain before it is verified
        </label>
        <ErrorBanner error={error} />
        <div className="form-actions">
          <button type="button" className="button" onClick={onCancel}>Cancel</button>
          <button type="submit" className="button-primary" disabled={isPending || !name} data-testid="domain-add-submit">{isPending ? 'Generating keys…' : 'Add domain'}</button>
        </div>
      </form>
    </Dialog>
  );
}
