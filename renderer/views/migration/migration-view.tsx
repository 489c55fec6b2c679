// Guided moves off a hosted provider: pick the provider and read its playbook, start the
// migration, then follow it live (migrations.live): checklist, parallel sending, rollback.
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { MigrationInput, MigrationView as Migration, ProviderId } from '../../../engine/api/contract';
import { ErrorBanner } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { useCall, useMutation } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';
import { MigrationDetail } from './migration-detail';
import { STATE_TEXT } from './migration-labels';
import { PlaybookPanel } from './playbook-panel';
import { StartMigrationForm } from './start-migration-form';
import { useMigrations } from './use-migrations';

const label = (migration: Migration) => `${migration.providerName}: ${migration.domains.join(', ')} (${STATE_TEXT[migration.state].label.toLowerCase()})`;

export function MigrationView() {
  const { client, notices } = useConsole();
  const show = useStore(notices, (state) => state.show);
  const providers = useCall(client, 'migration.providers', {});
  const routes = useCall(client, 'routes.list', {});
  const live = useMigrations(client);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [isStarting, setStarting] = useState(false);
  const [provider, setProvider] = useState<ProviderId>('sendgrid');
  const start = useMutation(async (input: MigrationInput) => {
    const view = await client.call('migration.start', input);
    live.apply(view);
    setSelectedId(view.id);
    setStarting(false);
    show(`Started the migration off ${view.providerName}: ${view.progress.complete} of ${view.progress.total} steps done.`);
  });

  const migrations = live.migrations;
  const selected = migrations?.find((migration) => migration.id === selectedId) ?? migrations?.[0] ?? null;
  useEffect(() => {
    if (migrations && migrations.length === 0) setStarting(true);
  }, [migrations]);
  const playbook = providers.data?.find((book) => book.id === provider) ?? null;

  return (
    <div className="page" data-testid="migration-page">
      <PageHeader
        title="Migration"
        subtitle="Move off SendGrid, Mailgun, Amazon SES, Postmark, Brevo or Mailchimp Transactional: checked step by step, sent in parallel, reversible."
        actions={!isStarting ? <button type="button" className="button-primary" onClick={() => setStarting(true)} data-testid="migration-new">Start a migration</button> : null}
      />
      <ErrorBanner error={live.error ?? providers.error ?? routes.error} />
      {isStarting && providers.data ? (
        <>
          <Panel
            title="Start a migration"
            aside={migrations?.length ? <button type="button" className="button button-small" onClick={() => setStarting(false)}>Cancel</button> : null}
            testId="migration-start-panel"
          >
            <div className="adoption-body">
              <fieldset className="chip-group provider-picker">
                <legend className="field-label">Leaving</legend>
                {providers.data.map((book) => (
                  <label key={book.id} className={`chip${book.id === provider ? ' is-on' : ''}`}>
                    <input type="radio" name="provider" value={book.id} checked={book.id === provider} onChange={() => { setProvider(book.id); start.clearError(); }} data-testid={`provider-${book.id}`} />
                    {book.name}
                  </label>
                ))}
              </fieldset>
              {playbook && routes.data ? <StartMigrationForm key={playbook.id} playbook={playbook} routes={routes.data} isPending={start.isPending} error={start.error} onStart={(input) => void start.run(input)} /> : null}
            </div>
          </Panel>
          {playbook ? <PlaybookPanel playbook={playbook} /> : null}
        </>
      ) : null}
      {!isStarting && migrations && selected && providers.data ? (
        <>
          {migrations.length > 1 ? (
            <label className="field migration-picker">
              <span className="field-label">Migration</span>
              <select className="select" value={selected.id} onChange={(event) => setSelectedId(Number(event.target.value))} data-testid="migration-select">
                {migrations.map((migration) => <option key={migration.id} value={migration.id}>{label(migration)}</option>)}
              </select>
            </label>
          ) : null}
          <MigrationDetail migration={selected} playbooks={providers.data} onChanged={live.apply} />
        </>
      ) : null}
      {!migrations && !live.error ? <p className="muted">Loading…</p> : null}
    </div>
  );
}
