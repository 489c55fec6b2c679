// A test message through the route that takes over, whatever the routing rules say today
// (migration.sendTest); the checklist's test-message step then follows its delivery.
import { useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import type { MigrationView } from '../../../engine/api/contract';
import { ErrorBanner } from '../../components/error-banner';
import { Panel } from '../../components/panel';
import { useMutation } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';
import { formatRoute } from '../../shell/routes';

export function TestSendForm({ migration }: { migration: MigrationView }) {
  const { client, notices } = useConsole();
  const show = useStore(notices, (state) => state.show);
  const [from, setFrom] = useState(`postmaster@${migration.domains[0] ?? ''}`);
  const [to, setTo] = useState('');
  const [sent, setSent] = useState<{ messageId: string; route: string } | null>(null);
  const send = useMutation(async () => {
    const result = await client.call('migration.sendTest', { id: migration.id, from: from.trim(), to: to.split(/[\s,;]+/).filter(Boolean) });
    setSent(result);
    show(`Queued test message ${result.messageId} through ${result.route}.`);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send.run();
  };
  return (
    <Panel title="Test message" description={`Sent through ${migration.newRoute}; the checklist follows its delivery.`} testId="migration-test">
      <div className="adoption-body">
        <form className="form" onSubmit={submit}>
          <div className="form-row">
            <label className="field">
              <span className="field-label">From</span>
              <input className="text-input mono" value={from} onChange={(event) => setFrom(event.target.value)} required data-testid="migration-test-from" />
            </label>
            <label className="field">
              <span className="field-label">To</span>
              <input className="text-input mono" value={to} onChange={(event) => setTo(event.target.value)} placeholder="you@gmail.com, you@outlook.com" required data-testid="migration-test-to" />
            </label>
            <button type="submit" className="button" disabled={send.isPending} data-testid="migration-test-send">Send a test</button>
          </div>
          <ErrorBanner error={send.error} />
          {sent ? <p className="small">Queued as <a className="mono" href={formatRoute({ page: 'message', id: sent.messageId })} data-testid="migration-test-link">{sent.messageId}</a> through {sent.route}.</p> : null}
        </form>
      </div>
    </Panel>
  );
}
