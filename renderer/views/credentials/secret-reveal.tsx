// A new secret, shown this once (only its hash is kept), with a copy button.
import { useState } from 'react';
import type { CredentialIssued } from '../../../engine/api/contract';
import { Dialog } from '../../components/dialog';

export function SecretReveal({ issued, onClose }: { issued: CredentialIssued; onClose(): void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = () => {
    navigator.clipboard.writeText(issued.secret).then(() => setCopied('yes'), () => setCopied('failed'));
  };
  return (
    <Dialog title={`Secret for ${issued.username}`} onClose={onClose} testId="secret-reveal" footer={<button type="button" className="button-primary" onClick={onClose} data-testid="secret-done">I have stored it</button>}>
      <p>This is the only time the secret is shown. Store it in your application's configuration now; Relaydesk keeps only a hash.</p>
      <dl className="facts">
        <div><dt>Username</dt><dd className="mono" data-testid="secret-username">{issued.username}</dd></div>
        <div><dt>Secret</dt><dd><code className="secret mono" data-testid="secret-value">{issued.secret}</code></dd></div>
      </dl>
      <button type="button" className="button" onClick={copy} data-testid="secret-copy">{copied === 'yes' ? 'Copied' : 'Copy secret'}</button>
      {copied === 'failed' ? <p className="form-error" role="alert">The clipboard is not available here; select the secret and copy it by hand.</p> : null}
    </Dialog>
  );
}
