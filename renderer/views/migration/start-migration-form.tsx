// Starting a migration off one provider: the domains that move, the provider's SMTP login (the
// user is fixed for SendGrid; SES takes the IAM secret and derives the password), and, when the
// documented host or port is not reachable (a blocked port, a lab), an override. Starting
// creates the provider's smarthost route and routes the domains' mail through it.
import { useState, type FormEvent } from 'react';
import type { ApiError, MigrationInput, ProviderPlaybook, RouteView } from '../../../engine/api/contract';
import { ErrorBanner } from '../../components/error-banner';
import { parseLimit } from '../../lib/number-field';

interface StartMigrationFormProps {
  playbook: ProviderPlaybook;
  routes: RouteView[];
  isPending: boolean;
  error: ApiError | null;
  onStart(input: MigrationInput): void;
}

const splitList = (text: string) => text.split(/[\s,;]+/).map((part) => part.trim()).filter(Boolean);

/** Empty means the engine's default ramp (the warm-up plan's days, or 14). */
function parseSchedule(text: string): number[] | null | 'invalid' {
  const parts = splitList(text.replace(/%/g, ''));
  if (parts.length === 0) return null;
  const values = parts.map(Number);
  return values.every((value) => Number.isFinite(value) && value > 0 && value <= 100) ? values : 'invalid';
}

export function StartMigrationForm({ playbook, routes, isPending, error, onStart }: StartMigrationFormProps) {
  const isSes = playbook.smarthost.password.derivedFrom === 'ses-secret-access-key';
  const [domains, setDomains] = useState('');
  const [region, setRegion] = useState(playbook.regions[0]?.id ?? '');
  const [username, setUsername] = useState('');
  const [secret, setSecret] = useState('');
  const [selectors, setSelectors] = useState('');
  const [host, setHost] = useState('');
  const [port, setPort] = useState('');
  const [tls, setTls] = useState<'starttls' | 'implicit'>(playbook.smarthost.tls);
  const [verifyCertificate, setVerify] = useState(true);
  const [newRoute, setNewRoute] = useState('direct');
  const [schedule, setSchedule] = useState('');
  const parsedPort = parseLimit(port, { max: 65_535 });
  const parsedSchedule = parseSchedule(schedule);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!parsedPort.ok || parsedSchedule === 'invalid') return;
    const override = { ...(host.trim() && { host: host.trim() }), ...(parsedPort.value !== null && { port: parsedPort.value }), ...(tls !== playbook.smarthost.tls && { tls }), ...(!verifyCertificate && { verifyCertificate }) };
    onStart({
      provider: playbook.id,
      domains: splitList(domains),
      ...(playbook.regions.length ? { region } : {}),
      credentials: {
        ...(playbook.smarthost.username.fixed === null && { username: username.trim() }),
        ...(!secret ? {} : isSes ? { secretAccessKey: secret } : { password: secret }),
      },
      ...(Object.keys(override).length ? { smarthost: override } : {}),
      ...(newRoute !== 'direct' && { newRoute }),
      ...(splitList(selectors).length ? { oldDkimSelectors: splitList(selectors) } : {}),
      ...(parsedSchedule && { schedule: parsedSchedule }),
    });
  };

  return (
    <form className="form" onSubmit={submit} data-testid="migration-start-form">
      <label className="field">
        <span className="field-label">Sending domains that move</span>
        <input className="text-input mono" value={domains} onChange={(event) => setDomains(event.target.value)} placeholder="shop.example, news.shop.example" required data-testid="migration-domains" />
      </label>
      <div className="form-row">
        {playbook.regions.length ? (
          <label className="field">
            <span className="field-label">Region</span>
            <select className="select" value={region} onChange={(event) => setRegion(event.target.value)} data-testid="migration-region">
              {playbook.regions.map((option) => <option key={option.id} value={option.id}>{option.id} ({option.host})</option>)}
            </select>
          </label>
        ) : null}
        <label className="field">
          <span className="field-label">{isSes ? 'Access key id' : 'SMTP user'}</span>
          {playbook.smarthost.username.fixed !== null
            ? <input className="text-input mono" value={playbook.smarthost.username.fixed} readOnly aria-describedby="migration-user-hint" data-testid="migration-username" />
            : <input className="text-input mono" value={username} onChange={(event) => setUsername(event.target.value)} required autoComplete="off" aria-describedby="migration-user-hint" data-testid="migration-username" />}
          <span className="muted small" id="migration-user-hint">{playbook.smarthost.username.hint}</span>
        </label>
        <label className="field">
          <span className="field-label">{isSes ? 'Secret access key' : 'Password or API key'}</span>
          <input className="text-input mono" type="password" value={secret} onChange={(event) => setSecret(event.target.value)} autoComplete="new-password" aria-describedby="migration-password-hint" data-testid="migration-secret" />
          <span className="muted small" id="migration-password-hint">{playbook.smarthost.password.hint} Sealed at rest; never shown again.</span>
        </label>
      </div>
      {playbook.hasAccountSelectors ? (
        <label className="field">
          <span className="field-label">{playbook.name}'s DKIM selectors for these domains</span>
          <input className="text-input mono" value={selectors} onChange={(event) => setSelectors(event.target.value)} placeholder="selector1 selector2" data-testid="migration-selectors" />
          <span className="muted small">Per account: the cleanup step checks that these are gone at the end.</span>
        </label>
      ) : null}
      <details className="form-details">
        <summary>Reach the provider differently, pick the route that takes over, set the ramp</summary>
        <div className="form-row">
          <label className="field">
            <span className="field-label">Host</span>
            <input className="text-input mono" value={host} onChange={(event) => setHost(event.target.value)} placeholder={playbook.smarthost.host} data-testid="migration-host" />
          </label>
          <label className="field">
            <span className="field-label">Port</span>
            <input className="text-input mono" inputMode="numeric" value={port} onChange={(event) => setPort(event.target.value)} placeholder={String(playbook.smarthost.port)} aria-invalid={!parsedPort.ok} data-testid="migration-port" />
          </label>
          <label className="field">
            <span className="field-label">TLS</span>
            <select className="select" value={tls} onChange={(event) => setTls(event.target.value as 'starttls' | 'implicit')}>
              <option value="starttls">STARTTLS</option>
              <option value="implicit">Implicit TLS</option>
            </select>
          </label>
          <label className="checkbox-field">
            <input type="checkbox" checked={verifyCertificate} onChange={(event) => setVerify(event.target.checked)} data-testid="migration-verify-certificate" />
            Check the provider's certificate
          </label>
        </div>
        <div className="form-row">
          <label className="field">
            <span className="field-label">Route that takes over</span>
            <select className="select" value={newRoute} onChange={(event) => setNewRoute(event.target.value)}>
              {routes.filter((route) => route.kind !== 'smarthost' || route.name !== playbook.id).map((route) => <option key={route.name} value={route.name}>{route.name}</option>)}
            </select>
          </label>
          <label className="field">
            <span className="field-label">Ramp, percent per day</span>
            <input className="text-input mono" value={schedule} onChange={(event) => setSchedule(event.target.value)} placeholder="default: 5 → 100 over the warm-up plan's days" aria-invalid={parsedSchedule === 'invalid'} data-testid="migration-schedule" />
          </label>
        </div>
      </details>
      <p className="muted small">
        Starting creates the route <span className="mono">{playbook.id}</span> through {playbook.name} and sends these domains' mail through it,
        as before the move. Nothing goes through Relaydesk's own delivery until you start parallel sending.
      </p>
      <ErrorBanner error={error} />
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={isPending || !parsedPort.ok || parsedSchedule === 'invalid'} data-testid="migration-start">
          {isPending ? 'Starting…' : `Start the migration off ${playbook.name}`}
        </button>
      </div>
    </form>
  );
}
