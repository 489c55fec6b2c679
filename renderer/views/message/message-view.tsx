// One message: who sent it to whom and where each recipient stands, then tabs for its
// timeline, why it is where it is, headers, text, HTML preview, raw source, attachments
// and the inbound conversation. Follows 'queue.changes' so states move live.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ApiError, HeaderField } from '../../../engine/api/contract';
import { ErrorBanner } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { StaticTranscript } from '../../components/static-transcript';
import { Tabs } from '../../components/tabs';
import { formatBytes, formatDateTime } from '../../lib/format';
import { useCall } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';
import { formatRoute } from '../../shell/routes';
import { AttachmentsList } from './attachments-list';
import { ExplainPanel } from './explain-panel';
import { HtmlPreview } from './html-preview';
import { RawSource } from './raw-source';
import { RecipientsTable } from './recipients-table';
import { Timeline } from './timeline';

type MessageTab = 'timeline' | 'why' | 'headers' | 'text' | 'html' | 'raw' | 'attachments' | 'inbound';

export function MessageView({ id }: { id: string }) {
  const { client } = useConsole();
  const [version, setVersion] = useState(0);
  const [tab, setTab] = useState<MessageTab>('timeline');
  const message = useCall(client, 'message.get', { id }, { refreshKey: version });
  const parts = useCall(client, 'message.parts', { id });

  useEffect(() => client.subscribe('queue.changes', {}, {
    onSnapshot: () => undefined,
    onEvent: (event) => {
      if (event.isTruncated || event.acted.length || event.changes.some((change) => change.messageId === id)) setVersion((value) => value + 1);
    },
  }), [client, id]);

  const addresses = useMemo(() => new Map((message.data?.recipients ?? []).map((recipient) => [recipient.recipientId, recipient.address])), [message.data]);
  const detail = message.data;
  if (!detail) {
    return (
      <div className="page" data-testid="message-page">
        <PageHeader title={`Message ${id}`} />
        {message.error ? <ErrorBanner error={message.error} /> : <p className="muted">Loading…</p>}
      </div>
    );
  }
  const tabs: { key: MessageTab; label: string }[] = [
    { key: 'timeline', label: 'Timeline' },
    { key: 'why', label: 'Why here' },
    { key: 'headers', label: `Headers (${detail.headers.length})` },
    { key: 'text', label: 'Text' },
    { key: 'html', label: 'HTML' },
    { key: 'raw', label: 'Raw source' },
    { key: 'attachments', label: `Attachments${parts.data ? ` (${parts.data.attachments.length})` : ''}` },
    { key: 'inbound', label: 'Inbound conversation' },
  ];
  return (
    <div className="page" data-testid="message-page">
      <PageHeader
        title={detail.subject ?? '(no subject)'}
        subtitle={<><span className="mono">{detail.headerFrom ?? detail.mailFrom}</span> · queue id <span className="mono" data-testid="message-id">{detail.id}</span></>}
        actions={<button type="button" className="button" onClick={() => history.back()}>Back</button>}
      />
      <ErrorBanner error={message.error} />
      <dl className="facts facts-row" data-testid="message-facts">
        <div><dt>Received</dt><dd className="mono">{formatDateTime(detail.receivedAt)}</dd></div>
        <div><dt>Envelope from</dt><dd className="mono">{detail.mailFrom || '<>'}</dd></div>
        <div><dt>Stream</dt><dd>{detail.stream}</dd></div>
        <div><dt>Route</dt><dd>{detail.route ?? '—'}</dd></div>
        <div><dt>Size</dt><dd>{formatBytes(detail.size)}</dd></div>
        <div><dt>Source</dt><dd>{detail.source}{detail.sessionId ? <> · <a href={formatRoute({ page: 'conversations', sessionId: detail.sessionId })}>session</a></> : null}</dd></div>
        {detail.messageIdHeader ? <div><dt>Message-ID</dt><dd className="mono">{detail.messageIdHeader}</dd></div> : null}
      </dl>
      <Panel title="Recipients" testId="message-recipients-panel">
        <RecipientsTable recipients={detail.recipients} />
      </Panel>
      <Tabs<MessageTab> tabs={tabs} selected={tab} onSelect={setTab} label="Message details" testId="message-tabs">
        {tab === 'timeline' ? <Timeline message={detail} /> : null}
        {tab === 'why' ? <ExplainPanel id={id} addresses={addresses} version={version} /> : null}
        {tab === 'headers' ? <HeadersTable headers={detail.headers} isRawAvailable={detail.isRawAvailable} /> : null}
        {tab === 'text' ? <BodyPart parts={parts} render={(data) => data.text === null ? <p className="empty">This message has no plain-text part.</p> : <pre className="code-block text-part" data-testid="text-part">{data.text}</pre>} /> : null}
        {tab === 'html' ? <BodyPart parts={parts} render={(data) => data.html === null ? <p className="empty" data-testid="no-html">This message has no HTML part.</p> : <HtmlPreview html={data.html} />} /> : null}
        {tab === 'raw' ? (detail.isRawAvailable ? <RawSource id={id} /> : <p className="empty">The retention policy removed this message's body.</p>) : null}
        {tab === 'attachments' ? <BodyPart parts={parts} render={(data) => <AttachmentsList id={id} attachments={data.attachments} />} /> : null}
        {tab === 'inbound' ? <StaticTranscript lines={detail.transcript} label="Inbound conversation" testId="inbound-transcript" /> : null}
      </Tabs>
    </div>
  );
}

function BodyPart<T>({ parts, render }: { parts: { data: T | null; error: ApiError | null }; render(data: T): ReactNode }) {
  if (parts.error) return <ErrorBanner error={parts.error} />;
  if (!parts.data) return <p className="muted">Decoding the message…</p>;
  return <>{render(parts.data)}</>;
}

function HeadersTable({ headers, isRawAvailable }: { headers: HeaderField[]; isRawAvailable: boolean }) {
  if (headers.length === 0) return <p className="empty">{isRawAvailable ? 'No headers.' : 'The retention policy removed this message\'s body and headers.'}</p>;
  return (
    <table className="data-table headers-table" data-testid="headers">
      <tbody>
        {headers.map((header, i) => (
          <tr key={i}>
            <th scope="row" className="mono nowrap">{header.name}</th>
            <td className="mono header-value">{header.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
