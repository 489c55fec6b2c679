// Amazon SES's SMTP password, derived from an IAM secret access key for one region
// (migration.sesPassword). The engine computes it and keeps nothing; the console shows it once.
import { useState, type FormEvent } from 'react';
import type { ProviderPlaybook } from '../../../engine/api/contract';
import { ErrorBanner } from '../../components/error-banner';
import { useMutation } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';

export function SesPasswordForm({ playbook }: { playbook: ProviderPlaybook }) {
  const { client } = useConsole();
  const [secret, setSecret] = useState('');
  const [region, setRegion] = useState(playbook.regions[0]?.id ?? '');
  const [password, setPassword] = useState<string | null>(null);
  const derive = useMutation(async () => setPassword((await client.call('migration.sesPassword', { secretAccessKey: secret, region })).password));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void derive.run();
  };
  return (
    <form className="form" onSubmit={submit} data-testid="ses-password-form">
      <p className="muted small">
        SES signs in with an SMTP password derived from the IAM secret access key and the region. Relaydesk derives it for you when the
        migration starts; derive it here to check it or to configure another client. Nothing typed here is stored.
      </p>
      <div className="form-row">
        <label className="field">
          <span className="field-label">Secret access key</span>
          <input className="text-input mono" type="password" autoComplete="off" value={secret} onChange={(event) => { setSecret(event.target.value); setPassword(null); }} required data-testid="ses-secret" />
        </label>
        <label className="field">
          <span className="field-label">Region</span>
          <select className="select" value={region} onChange={(event) => { setRegion(event.target.value); setPassword(null); }} data-testid="ses-region">
            {playbook.regions.map((option) => <option key={option.id} value={option.id}>{option.id}</option>)}
          </select>
        </label>
        <button type="submit" className="button" disabled={!secret || derive.isPending} data-testid="ses-derive">Derive the SMTP password</button>
      </div>
      <ErrorBanner error={derive.error} />
      {password ? (
        <p>
          SMTP password for {region}: <code className="secret mono" data-testid="ses-password">{password}</code>
        </p>
      ) : null}
    </form>
  );
}
