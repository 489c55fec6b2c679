// A smarthost route (an upstream provider): host, port, TLS, login. The password field
// is write-only: blank keeps the stored password, which never comes back to the console.
import { useState, type FormEvent } from 'react';
import type { ApiError, RouteInput, RouteView, SmarthostView } from '../../../engine/api/contract';
import { ErrorBanner } from '../../components/error-banner';
import { parseLimit } from '../../lib/number-field';

interface SmarthostFormProps {
  route: RouteView | null;
  isPending: boolean;
  error: ApiError | null;
  onSave(input: RouteInput): void;
  onCancel(): void;
}

export function SmarthostForm({ route, isPending, error, onSave, onCancel }: SmarthostFormProps) {
  const existing = route?.smarthost ?? null;
  const [name, setName] = useState(route?.name ?? '');
  const [host, setHost] = useState(existing?.host ?? '');
  const [port, setPort] = useState(String(existing?.port ?? 587));
  const [tls, setTls] = useState<SmarthostView['tls']>(existing?.tls ?? 'starttls');
  const [username, setUsername] = useState(existing?.username ?? '');
  const [password, setPassword] = useState('');
  const [verifyCertificate, setVerify] = useState(existing?.verifyCertificate ?? true);
  const [maxConnections, setMaxConnections] = useState(existing?.maxConnections ? String(existing.maxConnections) : '');
  const parsedPort = parseLimit(port, { max: 65_535 });
  const parsedConnections = parseLimit(maxConnections, { max: 1000 });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!parsedPort.ok || parsedPort.value === null || !parsedConnections.ok) return;
    onSave({
      name: name.trim(),
      smarthost: {
        host: host.trim(), port: parsedPort.value, tls, username: username.trim() || null, verifyCertificate, maxConnections: parsedConnections.value,
        ...(password ? { password } : {}),
      },
    });
  };

  return (
    <form className="form" onSubmit={submit} data-testid="smarthost-form">
      <div className="form-row">
        <label className="field">
          <span className="field-label">Route name</span>
          <input className="text-input mono" value={name} onChange={(event) => setName(event.target.value)} disabled={route !== null} required data-testid="smarthost-name" />
        </label>
        <label className="field">
          <span className="field-label">Host</span>
          <input className="text-input mono" value={host} onChange={(event) => setHost(event.target.value)} placeholder="smtp.provider.example" required data-testid="smarthost-host" />
        </label>
        <label className="field">
          <span className="field-label">Port</span>
          <input className="text-input mono" inputMode="numeric" value={port} onChange={(event) => setPort(event.target.value)} aria-invalid={!parsedPort.ok} data-testid="smarthost-port" />
        </label>
      </div>
      <div className="form-row">
        <label className="field">
          <span className="field-label">TLS</span>
          <select className="select" value={tls} onChange={(event) => setTls(event.target.value as SmarthostView['tls'])}>
            <option value="starttls">STARTTLS, required</option>
            <option value="implicit">Implicit TLS (port 465)</option>
            <option value="none">None (plaintext; trusted networks only)</option>
          </select>
        </label>
        <label className="field">
          <span className="field-label">Username</span>
          <input className="text-input mono" value={username} onChange={(event) => setUsername(event.target.value)} autoComplete="off" data-testid="smarthost-username" />
        </label>
        <label className="field">
          <span className="field-label">Password</span>
          <input
            className="text-input mono"
            type="password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            autoComplete="new-password"
            placeholder={existing?.hasPassword ? 'stored; type to replace' : ''}
            data-testid="smarthost-password"
          />
        </label>
      </div>
      <div className="form-row">
        <label className="field">
          <span className="field-label">Connections at most</span>
          <input className="text-input mono" inputMode="numeric" value={maxConnections} onChange={(event) => setMaxConnections(event.target.value)} placeholder="default" aria-invalid={!parsedConnections.ok} />
        </label>
        <label className="checkbox-field">
          <input type="checkbox" checked={verifyCertificate} onChange={(event) => setVerify(event.target.checked)} />
          Check the provider's certificate
        </label>
      </div>
      <ErrorBanner error={error} />
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>Cancel</button>
        <button type="submit" className="button-primary" disabled={isPending} data-testid="smarthost-save">{isPending ? 'Saving…' : 'Save route'}</button>
      </div>
    </form>
  );
}
