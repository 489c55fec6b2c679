// The message's attachments with type and size; each downloads through message.attachment.
import { useState } from 'react';
import type { ApiError, AttachmentView } from '../../../engine/api/contract';
import { toApiCallError } from '../../api/api-errors';
import { DataTable, hiddenColumn } from '../../components/data-table';
import { ErrorBanner } from '../../components/error-banner';
import { base64ToBytes, downloadBytes } from '../../lib/download';
import { formatBytes } from '../../lib/format';
import { useConsole } from '../../shell/console-context';

export function AttachmentsList({ id, attachments }: { id: string; attachments: AttachmentView[] }) {
  const { client } = useConsole();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  if (attachments.length === 0) return <p className="empty" data-testid="attachments-empty">This message has no attachments.</p>;
  const download = (attachment: AttachmentView) => {
    setBusy(attachment.index);
    setError(null);
    client.call('message.attachment', { id, index: attachment.index }).then(
      (file) => downloadBytes(base64ToBytes(file.base64), file.filename ?? `attachment-${attachment.index}`, file.contentType),
      (reason: unknown) => setError(toApiCallError(reason)),
    ).finally(() => setBusy(null));
  };
  return (
    <>
      <ErrorBanner error={error} />
      <DataTable label="Attachments" testId="attachments" columns={['File', 'Type', { label: 'Size', isNumeric: true }, hiddenColumn('Download')]}>
          {attachments.map((attachment) => (
        <tr key={attachment.index}>
          <td className="mono">{attachment.filename ?? <span className="muted">(no name)</span>}{attachment.isInline ? <span className="muted"> · inline</span> : null}</td>
          <td className="mono">{attachment.contentType}</td>
          <td className="numeric">{formatBytes(attachment.size)}</td>
          <td>
            <button type="button" className="button button-small" onClick={() => download(attachment)} disabled={busy === attachment.index} data-testid={`download-attachment-${attachment.index}`}>
              {busy === attachment.index ? 'Preparing…' : 'Download'}
            </button>
          </td>
        </tr>
          ))}
      </DataTable>
    </>
  );
}
