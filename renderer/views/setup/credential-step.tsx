// Step 1: the credential applications submit with. A new one shows its secret this once,
// with a copy button; a relay that has credentials may also reuse one of them.
import { useState } from 'react';
import type { CredentialInput, CredentialView } from '../../../engine/api/contract';
import { ErrorBanner } from '../../components/error-banner';
import { useCall, useMutation } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';
import { CopyButton } from '../../components/copy-button';
import { NewCredentialForm } from './new-credential-form';
import type { GuideCredential } from './setup-model';

interface CredentialStepProps {
  chosen: GuideCredential | null;
  onChosen(chosen: GuideCredential): void;
  onContinue(): void;
}

export function CredentialStep({ chosen, onChosen, onContinue }: CredentialStepProps) {
  const { client } = useConsole();
  const credentials = useCall(client, 'credentials.list', {});
  const [mode, setMode] = useState<'new' | 'existing'>('new');
  const add = useMutation(async (input: CredentialInput) => {
    const issued = await client.call('credentials.add', input);
    onChosen({ credential: issued.credential, secret: issued.secret });
  });
  const usable = (credentials.data ?? []).filter((credential) => credential.isEnabled);

  if (chosen) return <ChosenCredential chosen={chosen} onContinue={onContinue} />;
  return (
    <div className="setup-step-body">
      <p>Applications log in to the relay with a credential. It limits which sender domains they may use and which stream their mail goes to.</p>
      <ErrorBanner error={credentials.error} />
      {usable.length ? (
        <fieldset className="radio-group" data-testid="setup-credential-mode">
          <legend className="sr-only">Which credential</legend>
          <label className="radio-field"><input type="radio" name="credential-mode" checked={mode === 'new'} onChange={() => setMode('new')} /> Create a new credential</label>
          <label className="radio-field"><input type="radio" name="credential-mode" checked={mode === 'existing'} onChange={() => setMode('existing')} data-testid="setup-credential-use-existing" /> Use an existing one</label>
        </fieldset>
      ) : null}
      {mode === 'new' || !usable.length
        ? <NewCredentialForm isPending={add.isPending} error={add.error} onSubmit={(input) => void add.run(input)} />
        : <ExistingCredential credentials={usable} onChosen={(credential) => onChosen({ credential, secret: null })} />}
    </div>
  );
}

function ExistingCredential({ credentials, onChosen }: { credentials: CredentialView[]; onChosen(credential: CredentialView): void }) {
  const [username, setUsername] = useState(credentials[0]?.username ?? '');
  const credential = credentials.find((candidate) => candidate.username === username) ?? null;
  return (
    <div className="form">
      <label className="field">
        <span className="field-label">Credential</span>
        <select className="select" value={username} onChange={(event) => setUsername(event.target.value)} data-testid="setup-credential-existing">
          {credentials.map((candidate) => <option key={candidate.id} value={candidate.username}>{candidate.name} ({candidate.username})</option>)}
        </select>
      </label>
      <p className="muted small">Its secret was shown once, when it was issued: the snippets carry a placeholder for it, and the test message asks for it.</p>
      <div className="form-actions">
        <button type="button" className="button-primary" disabled={!credential} onClick={() => credential && onChosen(credential)} data-testid="setup-credential-choose">Use this credential</button>
      </div>
    </div>
  );
}

function ChosenCredential({ chosen, onContinue }: { chosen: GuideCredential; onContinue(): void }) {
  const { credential, secret } = chosen;
  return (
    <div className="setup-step-body" data-testid="setup-credential-chosen">
      {secret ? (
        <p className="banner banner-warn">This is the only time the secret is shown: Relaydesk keeps only a hash. This page fills it into the snippets until you leave it; store it in your application's configuration now.</p>
      ) : null}
      <dl className="facts facts-row">
        <div><dt>Username</dt><dd className="mono" data-testid="setup-username">{credential.username}</dd></div>
        {secret ? (
          <div>
            <dt>Secret</dt>
            <dd className="setup-secret">
              <code className="secret mono" data-testid="setup-secret">{secret}</code>
              <CopyButton text={secret} label="Copy secret" testId="setup-secret-copy" />
            </dd>
          </div>
        ) : null}
        <div><dt>Sender domains</dt><dd className="mono" data-testid="setup-credential-domains-chosen">{credential.senderDomains.join(', ')}</dd></div>
        <div><dt>Stream</dt><dd>{credential.stream}</dd></div>
      </dl>
      <div className="form-actions">
        <button type="button" className="button-primary" onClick={onContinue} data-testid="setup-credential-continue">Continue</button>
      </div>
    </div>
  );
}
