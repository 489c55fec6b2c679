// One captured message: who it was for and what the sandbox (or a chaos rule) answered, then
// its inspection: previews at three widths, HTML compatibility, links, spam score, SPF/DKIM/DMARC.
import { useState } from 'react';
import type { SandboxMessageSummary } from '../../../engine/api/contract';
import { DataTable } from '../../components/data-table';
import { ErrorBanner } from '../../components/error-banner';
import { StateBadge } from '../../components/state-badge';
import { Tabs } from '../../components/tabs';
import { formatBytes, formatDateTime } from '../../lib/format';
import { useCall } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';
import { formatRoute } from '../../shell/routes';
import { AuthenticationReport } from './authentication-report';
import { CompatibilityReport } from './compatibility-report';
import { DevicePreview } from './device-preview';
import { LinkReport } from './link-report';
import { SpamReport } from './spam-report';

type InspectTab = 'preview' | 'compatibility' | 'links' | 'spam' | 'authentication';

export function SandboxMessage({ message }: { message: SandboxMessageSummary }) {
  const { client } = useConsole();
  const [tab, setTab] = useState<InspectTab>('preview');
  const [checkLinks, setCheckLinks] = useState(false);
  const parts = useCall(client, 'message.parts', { id: message.id });
  const inspection = useCall(client, 'sandbox.inspect', { id: message.id, checkLinks });
  const report = inspection.data;
  const tabs: { key: InspectTab; label: string }[] = [
    { key: 'preview', label: 'Preview' },
    { key: 'compatibility', label: report?.compatibility.overall != null ? `Compatibility (${report.compatibility.overall})` : 'Compatibility' },
    { key: 'links', label: report ? `Links (${report.links.links.length})` : 'Links' },
    { key: 'spam', label: 'Spam score' },
    { key: 'authentication', label: 'SPF, DKIM, DMARC' },
  ];

  return (
    <div className="sandbox-message" data-testid="sandbox-message">
      <header className="sandbox-message-header">
        <h2 className="panel-title" data-testid="sandbox-message-subject">{message.subject ?? '(no subject)'}</h2>
        <a href={formatRoute({ page: 'message', id: message.id })} className="small" data-testid="sandbox-message-link">Open the message page</a>
      </header>
      <dl className="facts">
        <div><dt>From</dt><dd className="mono">{message.headerFrom ?? message.mailFrom}</dd></div>
        <div><dt>Received</dt><dd className="mono">{formatDateTime(message.receivedAt)}</dd></div>
        <div><dt>Size</dt><dd>{formatBytes(message.size)}</dd></div>
        <div><dt>Queue id</dt><dd className="mono">{message.id}</dd></div>
      </dl>
      <DataTable label="Recipients" testId="sandbox-recipients" className="compact" columns={['Recipient', 'State', 'Answer']}>
        {message.recipients.map((recipient) => (
          <tr key={recipient.address} data-testid={`sandbox-recipient-${recipient.address}`}>
            <th scope="row" className="mono">{recipient.address}</th>
            <td><StateBadge state={recipient.state} testId={`sandbox-recipient-state-${recipient.address}`} /></td>
            <td>{recipient.lastReply ? <code className="reply" data-testid={`sandbox-recipient-reply-${recipient.address}`}>{recipient.lastReply}</code> : <span className="muted">{recipient.state === 'delivered' ? 'captured' : ''}</span>}</td>
          </tr>
        ))}
      </DataTable>
      <ErrorBanner error={parts.error ?? inspection.error} />
      <Tabs<InspectTab> tabs={tabs} selected={tab} onSelect={setTab} label="Inspection" testId="inspect-tabs">
        {tab === 'preview' ? (parts.data ? <DevicePreview html={parts.data.html} text={parts.data.text} /> : <p className="muted">Loading…</p>) : null}
        {tab !== 'preview' && !report ? <p className="muted" data-testid="inspect-loading">Inspecting…</p> : null}
        {tab === 'compatibility' && report ? <CompatibilityReport report={report.compatibility} /> : null}
        {tab === 'links' && report ? <LinkReport report={report.links} isChecking={inspection.isLoading} onCheckNetwork={() => setCheckLinks(true)} /> : null}
        {tab === 'spam' && report ? <SpamReport report={report.spam} /> : null}
        {tab === 'authentication' && report ? <AuthenticationReport report={report.authentication} /> : null}
      </Tabs>
    </div>
  );
}
