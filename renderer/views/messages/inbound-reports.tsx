// Reports received by the inbound listener, newest first: asynchronous bounces (DSN),
// feedback-loop complaints (ARF) and mailto unsubscribes, each with what Relaydesk did,
// the message and recipient it matched, and the report's own fields.
import { useState } from 'react';
import type { InboundReportView } from '../../../engine/api/contract';
import { Badge, type BadgeTone } from '../../components/badge';
import { DataTable } from '../../components/data-table';
import { ErrorBanner } from '../../components/error-banner';
import { Panel } from '../../components/panel';
import { formatDateTime } from '../../lib/format';
import { useKeysetList } from '../../lib/use-keyset-list';
import { useConsole } from '../../shell/console-context';
import { formatRoute } from '../../shell/routes';

type Kind = InboundReportView['kind'];

const KIND_LABELS: Record<Kind, string> = { dsn: 'Bounce (DSN)', arf: 'Complaint (ARF)', unsubscribe: 'Unsubscribe', other: 'Other mail' };

const OUTCOMES: Record<InboundReportView['outcome'], { label: string; tone: BadgeTone }> = {
  bounced: { label: 'Bounced', tone: 'bad' },
  delayed: { label: 'Delayed', tone: 'warn' },
  complaint: { label: 'Complaint', tone: 'bad' },
  unsubscribed: { label: 'Unsubscribed', tone: 'neutral' },
  unmatched: { label: 'Unmatched', tone: 'warn' },
  ignored: { label: 'Ignored', tone: 'neutral' },
};

const COLUMNS = ['Received', 'Kind', 'Outcome', 'About', 'Message', 'What happened'];

export function InboundReports() {
  const { client } = useConsole();
  const [kind, setKind] = useState<Kind | ''>('');
  const list = useKeysetList(kind, (cursor) => client.call('inbound.list', { ...(kind ? { kind } : {}), limit: 50, ...(cursor === null ? {} : { cursor }) }));
  return (
    <div data-testid="inbound-reports">
      <div className="filter-grid inbound-filter">
        <label className="field">
          <span className="field-label">Kind</span>
          <select className="select" value={kind} onChange={(event) => setKind(event.target.value as Kind | '')} data-testid="inbound-kind">
            <option value="">Any</option>
            {(Object.keys(KIND_LABELS) as Kind[]).map((value) => <option key={value} value={value}>{KIND_LABELS[value]}</option>)}
          </select>
        </label>
      </div>
      <ErrorBanner error={list.error} />
      <Panel title="Reports received" description="Matched to their message by the VERP return path or the returned headers." testId="inbound-panel">
        {list.isComplete && list.items.length === 0 ? (
          <p className="empty" data-testid="inbound-empty">No report has come back{kind ? ' of this kind' : ''}. Bounces and complaints that receiving servers send later arrive here through the inbound listener.</p>
        ) : null}
        {list.items.length ? (
          <DataTable label="Inbound reports" testId="inbound-table" columns={COLUMNS} className="inbound-table">
            {list.items.map((report) => <ReportRow key={report.id} report={report} />)}
          </DataTable>
        ) : null}
        {!list.isComplete && list.items.length ? <button type="button" className="button load-more" onClick={list.loadMore} disabled={list.isLoading} data-testid="inbound-more">Load more</button> : null}
      </Panel>
    </div>
  );
}

function ReportRow({ report }: { report: InboundReportView }) {
  const outcome = OUTCOMES[report.outcome];
  const fields = Object.entries(report.fields);
  return (
    <tr data-testid={`inbound-row-${report.id}`}>
      <td className="mono nowrap">{formatDateTime(report.at)}</td>
      <td className="nowrap">{KIND_LABELS[report.kind]}</td>
      <td><Badge tone={outcome.tone} testId={`inbound-outcome-${report.id}`}>{outcome.label}</Badge></td>
      <td className="mono" data-testid={`inbound-address-${report.id}`}>{report.address ?? <span className="muted">none named</span>}</td>
      <td className="mono">
        {report.messageId
          ? <a href={formatRoute({ page: 'message', id: report.messageId })} data-testid={`inbound-message-${report.id}`}>{report.messageId}</a>
          : <span className="muted">no match</span>}
      </td>
      <td className="inbound-detail">
        <span data-testid={`inbound-detail-${report.id}`}>{report.detail}</span>
        {fields.length ? (
          <details>
            <summary>The report's {fields.length} fields</summary>
            <dl className="report-fields small" data-testid={`inbound-fields-${report.id}`}>
              {fields.map(([name, value]) => (
                <div key={name}><dt className="mono">{name}</dt><dd className="mono">{value}</dd></div>
              ))}
            </dl>
          </details>
        ) : null}
      </td>
    </tr>
  );
}
