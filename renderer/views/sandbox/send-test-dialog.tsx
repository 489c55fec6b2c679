// A test message submitted over SMTP to this relay's own listener with a credential, as an
// application would (sandbox.sendTest); where it lands follows the routing rules.
import { useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import type { TestSendResult } from '../../../engine/api/contract';
import { Dialog } from '../../components/dialog';
import { ErrorBanner } from '../../components/error-banner';
import { useCall, useMutation } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';

const SAMPLE_HTML = '<h1>Hello from Relaydesk</h1>\n<p style="border-radius:6px">A test message, captured by the sandbox. <a href="https://example.com/">A link</a>.</p>';

export function SendTestDialog({ onClose, onSent }: { onClose(): void; onSent(result: TestSendResult): void }) {
  const { client, notices } = useConsole();
  const show = useStore(notices, (state) => state.show);
  const credentials = useCall(client, 'credentials.list', {});
  const [username, setUsername] = useState('');
  const [secret, setSecret] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [subject, setSubject] = useState('Relaydesk sandbox test');
  const [html, setHtml] = useState(SAMPLE_HTML);
  const send = useMutation(async () => {
    const result = await client.call('sandbox.sendTest', {
      username: username || credentials.data?.[0]?.username || '', secret, from: from.trim(), to: to.split(/[\s,;]+/).filter(Boolean), subject,
      text: 'A test message, captured by the sandbox.', ...(html.trim() ? { html } : {}),
    });
    show(`Submitted as ${result.messageId}${result.route ? `, routed to ${result.route}` : ''}.`);
    onSent(result);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send.run();
  };
  const active = credentials.data?.filter((credential) => credential.isEnabled && credential.revokedAt === null) ?? [];

  return (
    <Dialog title="Send a test message" onClose={onClose} testId="sandbox-send-test" wide>
      <form className="form" onSubmit={submit}>
        <p className="muted small">Submitted over SMTP with STARTTLS and AUTH to this relay's own listener. Mail lands in the sandbox when the routing rules send its sender domain there.</p>
        <ErrorBanner error={credentials.error} />
        <div className="form-row">
          <label className="field">
            <span className="field-label">Credential</span>
            <select className="select" value={username || active[0]?.username || ''} onChange={(event) => setUsername(event.target.value)} data-testid="send-test-credential">
              {active.map((credential) => <option key={credential.id} value={credential.username}>{credential.name} ({credential.username})</option>)}
            </select>
          </label>
          <label className="field">
            <span className="field-label">Its secret</span>
            <input className="text-input mono" type="password" autoComplete="off" value={secret} onChange={(event) => setSecret(event.target.value)} required data-testid="send-test-secret" />
          </label>
        </div>
        <div className="form-row">
          <label className="field">
            <span className="field-label">From</span>
            <input className="text-input mono" value={from} onChange={(event) => setFrom(event.target.value)} placeholder="app@your-domain.example" required data-testid="send-test-from" />
          </label>
          <label className="field">
            <span className="field-label">To</span>
            <input className="text-input mono" value={to} onChange={(event) => setTo(event.target.value)} placeholder="someone@example.com" required data-testid="send-test-to" />
          </label>
        </div>
        <label className="field">
          <span className="field-label">Subject</span>
          <input className="text-input" value={subject} onChange={(event) => setSubject(event.target.value)} data-testid="send-test-subject" />
        </label>
        <label className="field">
          <span className="field-label">HTML (optional)</span>
          <textarea className="text-input mono" rows={5} value={html} onChange={(event) => setHtml(event.target.value)} data-testid="send-test-html" />
        </label>
        <ErrorBanner error={send.error} />
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="button-primary" disabled={send.isPending || active.length === 0} data-testid="send-test-submit">{send.isPending ? 'Sending…' : 'Send'}</button>
        </div>
      </form>
    </Dialog>
  );
}
