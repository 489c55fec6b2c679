// Imports the provider's suppression export in its own CSV layout (migration.importSuppressions):
// a dry run first reports the format it recognised, rows per reason (soft bounces left out), new
// and already-suppressed addresses, rejected lines and the queued recipients it would stop; then
// the import, which also completes the checklist's suppressions step.
import { useState } from 'react';
import { useStore } from 'zustand';
import type { ProviderImportReport, ProviderPlaybook, SuppressionScope } from '../../../engine/api/contract';
import { DataTable } from '../../components/data-table';
import { Dialog } from '../../components/dialog';
import { ErrorBanner } from '../../components/error-banner';
import { formatCount } from '../../lib/format';
import { plural } from '../../lib/labels';
import { useMutation } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';
import { ScopeFields } from '../suppressions/scope-fields';
import { useCsvInput } from '../../lib/csv-file';

const REASON_TEXT: Record<string, string> = { 'hard-bounce': 'Hard bounces', complaint: 'Complaints', unsubscribe: 'Unsubscribes', manual: 'Listed by hand', skip: 'Left out (soft bounces)' };

export function ProviderImportDialog({ playbook, migrationId, onClose }: { playbook: ProviderPlaybook; migrationId: number; onClose(): void }) {
  const { client, notices } = useConsole();
  const show = useStore(notices, (state) => state.show);
  const [format, setFormat] = useState('');
  const [scope, setScope] = useState<{ scope: SuppressionScope; value: string }>({ scope: 'global', value: '' });
  const [report, setReport] = useState<ProviderImportReport | null>(null);
  const { csv, fileName, change: changed, readFile } = useCsvInput(() => setReport(null), (message) => show(message, 'bad'));

  const params = (dryRun: boolean) => ({
    provider: playbook.id, csv, scope: scope.scope, dryRun, migrationId,
    ...(format ? { format } : {}), ...(scope.scope === 'global' ? {} : { scopeValue: scope.value }),
  });
  const preview = useMutation(async () => setReport(await client.call('migration.importSuppressions', params(true))));
  const run = useMutation(async () => {
    const result = await client.call('migration.importSuppressions', params(false));
    show(`Imported ${plural(result.added, 'address', 'addresses')} from ${playbook.name}; ${formatCount(result.duplicates)} already suppressed.`);
    onClose();
  });
  const newCount = report ? Math.max(0, report.valid - report.duplicates) : 0;
  const chosenFormat = playbook.exports.find((item) => item.id === (report?.format ?? format));

  return (
    <Dialog title={`Import ${playbook.name} suppressions`} onClose={onClose} testId="provider-import" wide>
      <div className="form">
        <p className="muted small">
          Export bounces, complaints and unsubscribes from {playbook.name} ({playbook.exports.map((item) => item.label).join(', ')}) and pick the file as
          {' '}{playbook.name} wrote it: the layout is recognised from its header row. Nothing changes until you import after the preview.
        </p>
        <div className="form-row">
          <label className="field">
            <span className="field-label">Export file</span>
            <input type="file" accept=".csv,text/csv,text/plain" onChange={(event) => void readFile(event.target.files?.[0])} data-testid="provider-import-file" />
          </label>
          <label className="field">
            <span className="field-label">Layout</span>
            <select className="select" value={format} onChange={(event) => { setFormat(event.target.value); setReport(null); }} data-testid="provider-import-format">
              <option value="">Recognise from the header row</option>
              {playbook.exports.map((item) => <option key={item.id} value={item.id}>{item.label} ({item.columns?.join(',') ?? 'no header'})</option>)}
            </select>
          </label>
        </div>
        <label className="field">
          <span className="field-label">{fileName ? `${fileName}, or edit it here` : 'or paste it'}</span>
          <textarea className="text-input mono" rows={5} value={csv} onChange={(event) => changed(event.target.value)} data-testid="provider-import-csv" />
        </label>
        <ScopeFields scope={scope.scope} scopeValue={scope.value} onChange={(next, value) => { setScope({ scope: next, value }); setReport(null); }} testId="provider-import" />
        <ErrorBanner error={preview.error ?? run.error} />
        {report ? (
          <section className="import-report" aria-label="Preview" data-testid="provider-import-report">
            <p className="small">Recognised as <strong data-testid="provider-import-layout">{chosenFormat?.label ?? report.format}</strong>.</p>
            <dl className="facts facts-row">
              {Object.entries(report.byReason).map(([reason, count]) => (
                <div key={reason}><dt>{REASON_TEXT[reason] ?? reason}</dt><dd data-testid={`provider-import-reason-${reason}`}>{formatCount(count)}</dd></div>
              ))}
            </dl>
            <dl className="facts facts-row">
              <div><dt>Addresses</dt><dd data-testid="provider-import-valid">{formatCount(report.valid)}</dd></div>
              <div><dt>Already suppressed</dt><dd data-testid="provider-import-duplicates">{formatCount(report.duplicates)}</dd></div>
              <div><dt>New</dt><dd data-testid="provider-import-new">{formatCount(newCount)}</dd></div>
              <div><dt>Rejected lines</dt><dd data-testid="provider-import-rejected-count">{formatCount(report.rejected.length)}</dd></div>
              <div><dt>Queued recipients it stops</dt><dd data-testid="provider-import-affects">{formatCount(report.affectsQueued)}</dd></div>
            </dl>
            {report.rejected.length ? (
              <DataTable label="Rejected lines" testId="provider-import-rejected" className="compact" columns={[{ label: 'Line', isNumeric: true }, 'Text', 'Why']}>
                {report.rejected.map((row) => (
                  <tr key={`${row.line}-${row.text}`}><td className="numeric">{row.line || ''}</td><td className="mono truncate">{row.text}</td><td>{row.reason}</td></tr>
                ))}
              </DataTable>
            ) : null}
          </section>
        ) : null}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>Cancel</button>
          <button type="button" className="button" onClick={() => void preview.run()} disabled={!csv.trim() || preview.isPending} data-testid="provider-import-preview">Preview</button>
          <button type="button" className="button-primary" onClick={() => void run.run()} disabled={!report || newCount === 0 || run.isPending} data-testid="provider-import-run">
            {report ? `Import ${plural(newCount, 'address', 'addresses')}` : 'Import'}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
