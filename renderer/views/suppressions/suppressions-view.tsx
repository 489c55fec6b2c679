// Suppressed addresses: search, filter by scope and reason, add by hand, import CSV with
// a preview, export, and lift suppressions (with a confirmation that counts them).
import { useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { SuppressionReason, SuppressionScope } from '../../../engine/api/contract';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorBanner } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { downloadBytes } from '../../lib/download';
import { useDebounced } from '../../lib/hooks';
import { plural } from '../../lib/labels';
import { useMutation } from '../../lib/use-call';
import { useKeysetList } from '../../lib/use-keyset-list';
import { useConsole } from '../../shell/console-context';
import { AddSuppressions } from './add-suppressions';
import { ImportSuppressions } from './import-suppressions';
import { REASON_LABELS, SCOPE_LABELS } from './suppression-labels';
import { SuppressionTable } from './suppression-table';

interface Filter {
  search: string;
  scope: SuppressionScope | '';
  reason: SuppressionReason | '';
}

export function SuppressionsView() {
  const { client, notices } = useConsole();
  const show = useStore(notices, (state) => state.show);
  const [filter, setFilter] = useState<Filter>({ search: '', scope: '', reason: '' });
  const settled = useDebounced(filter);
  const params = useMemo(() => ({
    ...(settled.search.trim() ? { search: settled.search.trim() } : {}),
    ...(settled.scope ? { scope: settled.scope } : {}),
    ...(settled.reason ? { reason: settled.reason } : {}),
  }), [settled]);
  const list = useKeysetList(JSON.stringify(params), (cursor) => client.call('suppressions.list', { ...params, limit: 100, ...(cursor === null ? {} : { cursor }) }));
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [dialog, setDialog] = useState<'add' | 'import' | 'remove' | null>(null);

  const toggle = (id: number) => setSelected((current) => {
    const next = new Set(current);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  const remove = useMutation(async () => {
    const result = await client.call('suppressions.remove', { ids: [...selected] });
    show(`Lifted ${plural(result.removed, 'suppression')}.`);
    setSelected(new Set());
    setDialog(null);
    list.reload();
  });
  const exportCsv = useMutation(async () => {
    const result = await client.call('suppressions.export', { ...(params.scope ? { scope: params.scope } : {}), ...(params.reason ? { reason: params.reason } : {}) });
    downloadBytes(result.csv, 'suppressions.csv', 'text/csv');
    show(`Exported ${plural(result.count, 'suppression')}.`);
  });

  return (
    <div className="page" data-testid="suppressions-page">
      <PageHeader
        title="Suppressions"
        subtitle="Addresses Relaydesk will not send to: hard bounces, complaints, unsubscribes, and your own lists."
        actions={
          <>
            <button type="button" className="button" onClick={() => setDialog('import')} data-testid="suppressions-import">Import CSV</button>
            <button type="button" className="button" onClick={() => void exportCsv.run()} disabled={exportCsv.isPending} data-testid="suppressions-export">Export CSV</button>
            <button type="button" className="button-primary" onClick={() => setDialog('add')} data-testid="suppressions-add">Add</button>
          </>
        }
      />
      <div className="filter-grid" role="search" aria-label="Filter suppressions">
        <label className="field">
          <span className="field-label">Search</span>
          <input className="text-input mono" value={filter.search} onChange={(event) => setFilter({ ...filter, search: event.target.value })} placeholder="address or part of it" data-shortcut="search" data-testid="suppressions-search" />
        </label>
        <label className="field">
          <span className="field-label">Applies to</span>
          <select className="select" value={filter.scope} onChange={(event) => setFilter({ ...filter, scope: event.target.value as Filter['scope'] })}>
            <option value="">Any</option>
            {(Object.keys(SCOPE_LABELS) as SuppressionScope[]).map((value) => <option key={value} value={value}>{SCOPE_LABELS[value]}</option>)}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Reason</span>
          <select className="select" value={filter.reason} onChange={(event) => setFilter({ ...filter, reason: event.target.value as Filter['reason'] })}>
            <option value="">Any</option>
            {(Object.keys(REASON_LABELS) as SuppressionReason[]).map((value) => <option key={value} value={value}>{REASON_LABELS[value]}</option>)}
          </select>
        </label>
      </div>
      <ErrorBanner error={list.error ?? exportCsv.error} />
      <Panel
        title="Suppressed addresses"
        aside={selected.size ? <button type="button" className="button button-small button-danger-outline" onClick={() => setDialog('remove')} data-testid="suppressions-remove">Lift {plural(selected.size, 'suppression')}</button> : null}
        testId="suppressions-panel"
      >
        {list.isComplete && list.items.length === 0 ? <p className="empty" data-testid="suppressions-empty">No suppressed address matches.</p> : null}
        {list.items.length ? <SuppressionTable items={list.items} selected={selected} onToggle={toggle} /> : null}
        {!list.isComplete && list.items.length ? <button type="button" className="button load-more" onClick={list.loadMore} disabled={list.isLoading}>Load more</button> : null}
      </Panel>
      {dialog === 'add' ? <AddSuppressions onClose={() => setDialog(null)} onAdded={list.reload} /> : null}
      {dialog === 'import' ? <ImportSuppressions onClose={() => setDialog(null)} onImported={list.reload} /> : null}
      {dialog === 'remove' ? (
        <ConfirmDialog
          title={`Lift ${plural(selected.size, 'suppression')}?`}
          confirmLabel={`Lift ${plural(selected.size, 'suppression')}`}
          isDestructive
          isPending={remove.isPending}
          error={remove.error}
          onConfirm={() => void remove.run()}
          onCancel={() => setDialog(null)}
          testId="suppressions-remove-confirm"
        >
          <p>Relaydesk will send to these addresses again. A hard-bounced address that still does not exist will bounce again and hurt your reputation.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
