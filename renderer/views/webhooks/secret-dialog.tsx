// A new signing secret, shown this once (the relay keeps it sealed and never shows it
// again), with how receivers verify requests with it.
import { useState } from 'react';
import type { WebhookIssued } from '../../../engine/api/contract';
import { Dialog } from '../../components/dialog';
import { VerificationGuide } from './verification-guide';

export function SecretDialog({ issued, isRotation, onClose }: { issued: WebhookIssued; isRotation: boolean; onClose(): void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = () => {
    navigator.clipboard.writeText(issued.secret).then(() => setCopied('yes'), () => setCopied('failed'));
  };
  return (
    <Dialog
      title={`Signing secret for ${issued.webhook.name}`}
      onClose={onClose}
      testId="webhook-secret"
      wide
      footer={<button type="button" className="button-primary" onClick={onClose} data-testid="webhook-secret-done">I have stored it</button>}
    >
      <p>
        This is the only time the secret is shown. Store it where your receiver can read it.
        {isRotation ? ' The old secret stopped working just now: requests from now on are signed with this one.' : ''}
      </p>
      <dl className="facts">
        <div><dt>Endpoint</dt><dd className="mono">{issued.webhook.url}</dd></div>
        <div><dt>Secret</dt><dd><code className="secret mono" data-testid="webhook-secret-value">{issued.secret}</code></dd></div>
      </dl>
      <div>
        <button type="button" className="button" onClick={copy} data-testid="webhook-secret-copy">{copied === 'yes' ? 'Copied' : 'Copy secret'}</button>
      </div>
      {copied === 'failed' ? <p className="form-error" role="alert">The clipboard is not available here; select the secret and copy it by hand.</p> : null}
      <VerificationGuide />
    </Dialog>
  );
}
