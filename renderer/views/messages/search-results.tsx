// Messages found, newest first: when, from whom, the subject, where each recipient stands,
// and a link to the message page (still there after retention removed the body).
import type { MessageSummary, RecipientState } from '../../../engine/api/contract';
import { DataTable } from '../../components/data-table';
import { StateBadge } from '../../components/state-badge';
import { formatBytes, formatDateTime } from '../../lib/format';
import { ALL_STATES, STREAM_LABELS } from '../../lib/labels';
import { formatRoute } from '../../shell/routes';

const COLUMNS = ['Received', 'From', 'Subject', 'Recipients', 'Stream', { label: 'Size', isNumeric: true }, 'Queue id'];

export function SearchResults({ items }: { items: MessageSummary[] }) {
  return (
    <DataTable label="Messages found" testId="search-results" columns={COLUMNS}>
      {items.map((message) => {
        const href = formatRoute({ page: 'message', id: message.id });
        return (
          <tr key={message.id} data-testid={`search-row-${message.id}`}>
            <td className="mono nowrap">{formatDateTime(message.receivedAt)}</td>
            <td className="mono truncate" title={message.mailFrom}>{message.mailFrom || '<>'}</td>
            <th scope="row" className="truncate" title={message.subject ?? undefined}>
              <a href={href} data-testid={`search-subject-${message.id}`}>{message.subject ?? <span className="muted">(no subject)</span>}</a>
              {message.isRawAvailable ? null : <span className="muted small block">body removed by retention</span>}
            </th>
            <td data-testid={`search-states-${message.id}`}>
              {(ALL_STATES.filter((state) => message.states[state]) as RecipientState[]).map((state) => (
                <span key={state} className="nowrap">
                  <StateBadge state={state} /> <span className="mono small">{message.states[state]}</span>{' '}
                </span>
              ))}
            </td>
            <td>{STREAM_LABELS[message.stream]}</td>
            <td className="numeric mono">{formatBytes(message.size)}</td>
            <td className="mono"><a href={href} data-testid={`search-open-${message.id}`}>{message.id}</a></td>
          </tr>
        );
      })}
    </DataTable>
  );
}
