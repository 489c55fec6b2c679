// Imports suppressions from CSV in two steps: a dry run that reports valid rows,
// duplicates, rejected lines (with why) and queued mail affected; then the import.
import { useState } from 'react';
import { useStore } from 'zustand';
import type { SuppressionImportReport, SuppressionReason, SuppressionScope } from '../../../engine/api/contract';
import { DataTable } from '../../components/data-table';
import { Dialog } from '../../components/dialog';
import { ErrorBanner } from '../../components/error-banner';
import { formatCount } from '../../lib/format';
import { plural } from '../../lib/labels';
import { useMutation } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';
import { ScopeFields } from './scope-fields';
import { REASON_LABELS } from './suppression-labels';
import { useCsvInput } from '../../lib/csv-file';

export function ImportSuppressions({ onClose, onImported }: { onClose(): void; onImported(): void }) {
  const { client, notices } = useConsole();
  const show = useStore(notices, (state) => state.show);
  const [scope, setScope] = useState<{ scope: SuppressionScope; value: string }>({ scope: 'global', value: '' });
  const [reason, setReason] = useState<SuppressionReason>('import');
  const [report, setReport] = useState<SuppressionImportReport | null>(null);
  const { csv, change: changed, readFile } = useCsvInput(() => setReport(null), (message) => show(message, 'bad'));

  const params = (dryRun: boolean) => ({ csv, scope: scope.scope, reason, dryRun, ...(scope.scope === 'global' ? {} : { scopeValue: scope.value }) });
  const preview = useMutation(async () => setReport(await client.call('suppressions.import', params(true))));
  const run = useMutation(async () => {
    const result = await client.call('suppressions.import', params(false));
    show(`Imported ${plural(result.added, 'address', 'addresses')}; ${formatCount(result.duplicates)} already suppressed.`);
    onImported();
    onClose();
  });

  return (
    <Dialog title="Import suppressions from CSV" onClose={onClose} testId="import-suppressions" wide>
      <div className="form">
        <p className="muted small">A column named email or address is used, or else the first column. Nothing changes until you import after the preview.</p>
        <label className="field">
          <span className="field-label">CSV file</span>
          <input type="file" accept=".csv,text/csv,text/plain" onChange={(event) => void readFile(event.target.files?.[0])} data-testid="import-file" />
        </label>
        <label className="field">
          <span className="field-label">or paste it</span>
          <textarea className="text-input mono" rows={6} value={csv} onChange={(event) => changed(event.target.value)} data-testid="import-csv" />
        </label>
        <ScopeFields scope={scope.scope} scopeValue={scope.value} onChange={(next, value) => { setScope({ scope: next, value }); setReport(null); }} testId="import" />
        <label className="field">
          <span className="field-label">Record as</span>
          <select className="select" value={reason} onChange={(event) => { setReason(event.target.value as SuppressionReason); setReport(null); }}>
            {(Object.keys(REASON_LABELS) as SuppressionReason[]).map((value) => <option key={value} value={value}>{REASON_LABELS[value]}</option>)}
          </select>
        </label>
        <ErrorBanner error={preview.error ?? run.error} />
        {report ? <ImportReport report={report} /> : null}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>Cancel</button>
          <button type="button" className="button" onClick={() => void preview.run()} disabled={!csv.trim() || preview.isPending} data-testid="import-preview">Preview</button>
          <button type="button" className="button-primary" onClick={() => void run.run()} disabled={!report || report.valid - report.duplicates <= 0 || run.isPending} data-testid="import-run">
            {report ? `Import ${plural(Math.max(0, report.valid - report.duplicates), 'address', 'addresses')}` : 'Import'}
          </button>
        </div>
      </div>
    </Dialog>
  );
}

function ImportReport({ report }: { report: SuppressionImportReport }) {
  return (
    <section className="import-report" aria-label="Preview" data-testid="import-report">
      <dl className="facts facts-row">
        <div><dt>Valid rows</dt><dd data-testid="import-valid">{formatCount(report.valid)}</dd></div>
        <div><dt>Already suppressed</dt><dd data-testid="import-duplicates">{formatCount(report.duplicates)}</dd></div>
        <div><dt>New</dt><dd data-testid="import-new">{formatCount(Math.max(0, report.valid - report.duplicates))}</dd></div>
        <div><dt>Rejected lines</dt><dd data-testid="import-rejected-count">{formatCount(report.rejected.length)}</dd></div>
        <div><dt>Queued mail affected</dt><dd>{formatCount(report.affectsQueued)}</dd></div>
      </dl>
      {report.rejected.length ? (
        <DataTable label="Rejected lines" testId="import-rejected" className="compact" columns={[{ label: 'Line', isNumeric: true }, 'Text', 'Why']}>
            {report.rejected.map((row) => (
          <tr key={row.line}><td className="numeric">{row.line}</td><td className="mono truncate">{row.text}</td><td>{row.reason}</td></tr>
            ))}
        </DataTable>
      ) : null}
    </section>
  );
}
