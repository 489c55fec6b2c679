// The message's recipients: address, state, attempts, next attempt and last reply.
import type { QueueEntry } from '../../../engine/api/contract';
import { DataTable } from '../../components/data-table';
import { StateBadge } from '../../components/state-badge';
import { formatCount, formatDateTime } from '../../lib/format';

const COLUMNS = ['Recipient', 'State', { label: 'Attempts', isNumeric: true }, 'Next attempt', 'Last reply or reason'];

export function RecipientsTable({ recipients }: { recipients: QueueEntry[] }) {
  return (
    <DataTable label="Recipients of this message" testId="message-recipients" columns={COLUMNS}>
      {recipients.map((recipient) => (
        <tr key={recipient.recipientId} data-testid={`message-recipient-${recipient.recipientId}`}>
          <th scope="row" className="mono">{recipient.address}</th>
          <td><StateBadge state={recipient.state} testId={`message-recipient-state-${recipient.recipientId}`} /></td>
          <td className="numeric">{formatCount(recipient.attempts)}</td>
          <td className="mono nowrap">{recipient.state === 'queued' || recipient.state === 'deferred' ? formatDateTime(recipient.nextAttemptAt) : '—'}</td>
          <td>{recipient.lastReply ? <code className="reply">{recipient.lastReply}</code> : <span className="muted">{recipient.reason ?? ''}</span>}</td>
        </tr>
      ))}
    </DataTable>
  );
}
