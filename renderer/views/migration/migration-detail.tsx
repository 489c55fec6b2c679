// One migration: where it stands, parallel sending, the checklist with its evidence, the DNS
// plan, the provider's suppressions and webhook shape, a test message, its history, and the
// provider's playbook for reference.
import { useState } from 'react';
import type { MigrationView, ProviderPlaybook } from '../../../engine/api/contract';
import { Badge } from '../../components/badge';
import { Panel } from '../../components/panel';
import { formatDateTime } from '../../lib/format';
import { ChecklistPanel } from './checklist-panel';
import { DnsPlanPanel } from './dns-plan-panel';
import { HistoryList } from './history-list';
import { STATE_TEXT } from './migration-labels';
import { PlaybookPanel } from './playbook-panel';
import { ProviderImportDialog } from './provider-import-dialog';
import { SplitPanel } from './split-panel';
import { TestSendForm } from './test-send-form';
import { WebhookFormatPanel } from './webhook-format-panel';

interface MigrationDetailProps {
  migration: MigrationView;
  playbooks: ProviderPlaybook[];
  onChanged(view: MigrationView): void;
}

export function MigrationDetail({ migration, playbooks, onChanged }: MigrationDetailProps) {
  const [isImporting, setImporting] = useState(false);
  const playbook = playbooks.find((book) => book.id === migration.provider);
  const suppressions = migration.steps.find((step) => step.id === 'suppressions');
  return (
    <div className="migration-detail" data-testid={`migration-${migration.id}`}>
      <dl className="facts facts-row" data-testid="migration-facts">
        <div><dt>State</dt><dd><Badge tone={STATE_TEXT[migration.state].tone} testId="migration-state">{STATE_TEXT[migration.state].label}</Badge></dd></div>
        <div><dt>Leaving</dt><dd>{migration.providerName}</dd></div>
        <div><dt>Domains</dt><dd className="mono" data-testid="migration-domains-list">{migration.domains.join(', ')}</dd></div>
        <div><dt>Routes</dt><dd className="mono">{migration.oldRoute} → {migration.newRoute}</dd></div>
        <div><dt>Checklist</dt><dd>{migration.progress.complete} of {migration.progress.total}</dd></div>
        <div><dt>Started</dt><dd>{formatDateTime(migration.createdAt)}</dd></div>
        {migration.completedAt ? <div><dt>Completed</dt><dd>{formatDateTime(migration.completedAt)}</dd></div> : null}
      </dl>
      <SplitPanel migration={migration} onChanged={onChanged} />
      <ChecklistPanel migration={migration} onChanged={onChanged} />
      <DnsPlanPanel migration={migration} />
      {playbook ? (
        <Panel
          title="Suppressions"
          description={`Addresses ${playbook.name} stopped sending to (bounces, complaints, unsubscribes), imported so Relaydesk does not mail them again.`}
          aside={<button type="button" className="button" onClick={() => setImporting(true)} data-testid="migration-import">Import {playbook.name} export</button>}
          testId="migration-suppressions"
        >
          <div className="adoption-body">
            <p className="small" data-testid="migration-suppressions-status">{suppressions?.detail ?? 'Not imported yet.'}</p>
          </div>
        </Panel>
      ) : null}
      {playbook ? <WebhookFormatPanel playbook={playbook} playbooks={playbooks} /> : null}
      <TestSendForm migration={migration} />
      <HistoryList history={migration.history} />
      {playbook ? (
        <details className="playbook-details">
          <summary>{playbook.name} playbook: smarthost, DNS records, exports</summary>
          <PlaybookPanel playbook={playbook} />
        </details>
      ) : null}
      {isImporting && playbook ? <ProviderImportDialog playbook={playbook} migrationId={migration.id} onClose={() => setImporting(false)} /> : null}
    </div>
  );
}
