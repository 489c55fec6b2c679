// The few fields a first credential needs: name, username, sender domains and stream. The
// rest (networks, rate limit, expiry) keep the Credentials page's defaults and can be
// changed there later.
import type { ApiError, CredentialInput, Stream } from '../../../engine/api/contract';
import { ErrorBanner } from '../../components/error-banner';
import { STREAM_LABELS, STREAMS } from '../../lib/labels';
import { useCredentialFields } from '../credentials/credential-form';

interface NewCredentialFormProps {
  isPending: boolean;
  error: ApiError | null;
  onSubmit(input: CredentialInput): void;
}

export function NewCredentialForm({ isPending, error, onSubmit }: NewCredentialFormProps) {
  const { fields, set, problem, submit } = useCredentialFields(null, onSubmit);
  return (
    <form className="form" onSubmit={submit} data-testid="setup-credential-form">
      <div className="form-row">
        <label className="field">
          <span className="field-label">Name</span>
          <input className="text-input" value={fields.name} onChange={(event) => set('name', event.target.value)} placeholder="e.g. shop" required data-testid="setup-credential-name" />
        </label>
        <label className="field">
          <span className="field-label">Username</span>
          <input className="text-input mono" value={fields.username} onChange={(event) => set('username', event.target.value)} placeholder="defaults to the name" autoComplete="off" data-testid="setup-credential-username" />
        </label>
      </div>
      <div className="form-row">
        <label className="field">
          <span className="field-label">Sender domains it may use</span>
          <input className="text-input mono" value={fields.senderDomains} onChange={(event) => set('senderDomains', event.target.value)} placeholder="example.com, *.example.org, or * for any" data-testid="setup-credential-domains" />
        </label>
        <label className="field">
          <span className="field-label">Stream</span>
          <select className="select" value={fields.stream} onChange={(event) => set('stream', event.target.value as Stream)} data-testid="setup-credential-stream">
            {STREAMS.map((stream) => <option key={stream} value={stream}>{STREAM_LABELS[stream]}</option>)}
          </select>
        </label>
      </div>
      <p className="muted small">Transactional mail (receipts, password resets) is never queued behind bulk mail (newsletters). Networks, rate limit and expiry can be set later on the Credentials page.</p>
      {problem ? <p className="form-error" role="alert">{problem}</p> : null}
      <ErrorBanner error={error} />
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={isPending} data-testid="setup-credential-create">{isPending ? 'Creating…' : 'Create the credential'}</button>
      </div>
    </form>
  );
}
