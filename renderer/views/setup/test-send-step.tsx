// Step 4: a test message submitted over SMTP to this relay's own listener with the guide's
// credential, exactly as an application would; then where it went and how it is doing,
// and every session the credential logs in with (a snippet run shows up there too).
import { useState, type FormEvent } from 'react';
import type { TestSendInput, TestSendResult } from '../../../engine/api/contract';
import { ErrorBanner } from '../../components/error-banner';
import { useMutation } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';
import { CredentialSessions } from './credential-sessions';
import { SentTestMessage } from './sent-test-message';
import { defaultSender, type GuideCredential } from './setup-model';

interface TestSendStepProps {
  chosen: GuideCredential;
  onSent(): void;
  onFinish(): void;
}

export function TestSendStep({ chosen, onSent, onFinish }: TestSendStepProps) {
  const { client } = useConsole();
  const { credential } = chosen;
  const [from, setFrom] = useState(() => defaultSender(credential.senderDomains));
  const [to, setTo] = useState('');
  // Only for a credential whose secret this page never saw; kept in this form alone.
  const [typedSecret, setTypedSecret] = useState('');
  const [result, setResult] = useState<TestSendResult | null>(null);
  const send = useMutation(async (input: TestSendInput) => {
    setResult(await client.call('sandbox.sendTest', input));
    onSent();
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const recipients = to.split(/[\s,;]+/).filter(Boolean);
    void send.run({ username: credential.username, secret: chosen.secret ?? typedSecret, from: from.trim(), to: recipients });
  };
  return (
    <div className="setup-step-body">
      <p>The relay submits this message to its own listener over TLS, logged in as <span className="mono">{credential.username}</span>, so it takes the same path as your application's mail.</p>
      <form className="form" onSubmit={submit} data-testid="setup-test-form">
        <div className="form-row">
          <label className="field">
            <span className="field-label">From</span>
            <input className="text-input mono" type="email" value={from} onChange={(event) => setFrom(event.target.value)} placeholder={`an address at ${credential.senderDomains.join(' or ')}`} required data-testid="setup-test-from" />
          </label>
          <label className="field">
            <span className="field-label">To</span>
            <input className="text-input mono" value={to} onChange={(event) => setTo(event.target.value)} placeholder="you@example.com" required data-testid="setup-test-to" />
          </label>
          {chosen.secret ? null : (
            <label className="field">
              <span className="field-label">Secret of {credential.username}</span>
              <input className="text-input mono" type="password" value={typedSecret} onChange={(event) => setTypedSecret(event.target.value)} autoComplete="off" required data-testid="setup-test-secret" />
            </label>
          )}
        </div>
        <ErrorBanner error={send.error} testId="setup-test-error" />
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={send.isPending} data-testid="setup-test-send">{send.isPending ? 'Sending…' : result ? 'Send another' : 'Send the test message'}</button>
        </div>
      </form>
      {result ? <SentTestMessage key={result.messageId} result={result} /> : null}
      <CredentialSessions username={credential.username} />
      <div className="form-actions">
        <button type="button" className="button" onClick={onFinish} data-testid="setup-finish">Finish: go to the dashboard</button>
      </div>
    </div>
  );
}
