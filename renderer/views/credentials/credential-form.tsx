// A credential's name and scopes, for adding one or editing one: sender domains, stream,
// client networks, rate limit, expiry and whether it is enabled.
import { useState, type FormEvent } from 'react';
import type { ApiError, CredentialInput, CredentialView, Stream } from '../../../engine/api/contract';
import { ErrorBanner } from '../../components/error-banner';
import { parseLimit } from '../../lib/number-field';

export interface CredentialFields {
  name: string;
  username: string;
  senderDomains: string;
  stream: Stream;
  clientNetworks: string;
  rateMessages: string;
  rateWindowSeconds: string;
  expiresOn: string;
  isEnabled: boolean;
}

export function fieldsOf(credential: CredentialView | null): CredentialFields {
  return {
    name: credential?.name ?? '',
    username: credential?.username ?? '',
    senderDomains: (credential?.senderDomains ?? ['*']).join(', '),
    stream: credential?.stream ?? 'transactional',
    clientNetworks: (credential?.clientNetworks ?? []).join(', '),
    rateMessages: String(credential?.rateLimit.messages ?? 150),
    rateWindowSeconds: String((credential?.rateLimit.windowMs ?? 10_000) / 1000),
    expiresOn: credential?.expiresAt ? new Date(credential.expiresAt).toISOString().slice(0, 10) : '',
    isEnabled: credential?.isEnabled ?? true,
  };
}

const list = (text: string): string[] => text.split(/[\s,]+/).map((part) => part.trim()).filter(Boolean);

/** The contract's input from the form, or the first problem to fix. */
export function toCredentialInput(fields: CredentialFields): { ok: true; input: CredentialInput } | { ok: false; message: string } {
  if (!fields.name.trim()) return { ok: false, message: 'Give the credential a name.' };
  const messages = parseLimit(fields.rateMessages, { max: 1_000_000 });
  const seconds = parseLimit(fields.rateWindowSeconds, { max: 86_400 });
  if (!messages.ok || messages.value === null) return { ok: false, message: 'Rate limit: messages must be a whole number.' };
  if (!seconds.ok || seconds.value === null) return { ok: false, message: 'Rate limit: the window is a whole number of seconds.' };
  const expiresAt = fields.expiresOn ? Date.parse(`${fields.expiresOn}T23:59:59Z`) : null;
  if (Number.isNaN(expiresAt)) return { ok: false, message: 'The expiry date is not a date.' };
  return {
    ok: true,
    input: {
      name: fields.name.trim(),
      ...(fields.username.trim() ? { username: fields.username.trim() } : {}),
      senderDomains: list(fields.senderDomains),
      stream: fields.stream,
      clientNetworks: list(fields.clientNetworks),
      rateLimit: { messages: messages.value, windowMs: seconds.value * 1000 },
      expiresAt,
      isEnabled: fields.isEnabled,
    },
  };
}

interface CredentialFormProps {
  initial: CredentialView | null;
  isPending: boolean;
  error: ApiError | null;
  submitLabel: string;
  onSubmit(input: CredentialInput): void;
  onCancel(): void;
}

/** A credential form's state: the fields as typed, a setter, and a submit that hands over a valid input or says what is wrong. */
export function useCredentialFields(initial: CredentialView | null, onSubmit: (input: CredentialInput) => void) {
  const [fields, setFields] = useState(() => fieldsOf(initial));
  const [problem, setProblem] = useState<string | null>(null);
  const set = <K extends keyof CredentialFields>(key: K, value: CredentialFields[K]) => setFields({ ...fields, [key]: value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = toCredentialInput(fields);
    setProblem(result.ok ? null : result.message);
    if (result.ok) onSubmit(result.input);
  };
  return { fields, set, problem, submit };
}

export function CredentialForm({ initial, isPending, error, submitLabel, onSubmit, onCancel }: CredentialFormProps) {
  const { fields, set, problem, submit } = useCredentialFields(initial, onSubmit);
  return (
    <form className="form" onSubmit={submit} data-testid="credential-form">
      <div className="form-row">
        <label className="field">
          <span className="field-label">Name</span>
          <input className="text-input" value={fields.name} onChange={(event) => set('name', event.target.value)} required data-testid="credential-name" />
        </label>
        <label className="field">
          <span className="field-label">Username</span>
          <input className="text-input mono" value={fields.username} onChange={(event) => set('username', event.target.value)} disabled={initial !== null} placeholder="defaults to the name" data-testid="credential-username" />
        </label>
      </div>
      <label className="field">
        <span className="field-label">Sender domains it may use</span>
        <input className="text-input mono" value={fields.senderDomains} onChange={(event) => set('senderDomains', event.target.value)} placeholder="example.com, *.example.org, or * for any" data-testid="credential-domains" />
      </label>
      <div className="form-row">
        <label className="field">
          <span className="field-label">Stream</span>
          <select className="select" value={fields.stream} onChange={(event) => set('stream', event.target.value as Stream)}>
            <option value="transactional">Transactional</option>
            <option value="bulk">Bulk</option>
          </select>
        </label>
        <label className="field">
          <span className="field-label">Client networks</span>
          <input className="text-input mono" value={fields.clientNetworks} onChange={(event) => set('clientNetworks', event.target.value)} placeholder="any; or 10.0.0.0/8, 192.0.2.7" />
        </label>
      </div>
      <div className="form-row">
        <label className="field">
          <span className="field-label">Rate limit: messages</span>
          <input className="text-input mono" inputMode="numeric" value={fields.rateMessages} onChange={(event) => set('rateMessages', event.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">per seconds</span>
          <input className="text-input mono" inputMode="numeric" value={fields.rateWindowSeconds} onChange={(event) => set('rateWindowSeconds', event.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">Expires on (UTC)</span>
          <input className="text-input" type="date" value={fields.expiresOn} onChange={(event) => set('expiresOn', event.target.value)} />
        </label>
      </div>
      <label className="checkbox-field">
        <input type="checkbox" checked={fields.isEnabled} onChange={(event) => set('isEnabled', event.target.checked)} />
        Enabled
      </label>
      {problem ? <p className="form-error" role="alert">{problem}</p> : null}
      <ErrorBanner error={error} />
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>Cancel</button>
        <button type="submit" className="button-primary" disabled={isPending} data-testid="credential-submit">{isPending ? 'Saving…' : submitLabel}</button>
      </div>
    </form>
  );
}
