// Everything that happened to a message, oldest first: engine events (accepted, held,
// deferred, delivered…) and delivery attempts in one sequence.
import type { AttemptView, EventView, MessageDetail } from '../../../engine/api/contract';
import { formatDateTime } from '../../lib/format';
import { AttemptItem } from './attempt-item';

type Entry = { kind: 'event'; at: number; order: number; event: EventView } | { kind: 'attempt'; at: number; order: number; attempt: AttemptView };

/** Events and attempts by time; at the same millisecond, events first (an attempt follows its lease). */
export function timelineEntries(message: Pick<MessageDetail, 'events' | 'attempts'>): Entry[] {
  const entries: Entry[] = [
    ...message.events.map((event) => ({ kind: 'event' as const, at: event.at, order: event.id, event })),
    ...message.attempts.map((attempt) => ({ kind: 'attempt' as const, at: attempt.at, order: attempt.id, attempt })),
  ];
  return entries.sort((a, b) => a.at - b.at || (a.kind === b.kind ? a.order - b.order : a.kind === 'event' ? -1 : 1));
}

const EVENT_LABELS: Record<string, string> = {
  'message.accepted': 'Accepted',
  'recipient.delivered': 'Delivered',
  'recipient.deferred': 'Deferred',
  'recipient.bounced': 'Bounced',
  'recipient.expired': 'Expired',
  'recipient.suppressed': 'Suppressed',
};

/** The event in a few words: its name, then the details the engine stored with it. */
function describeEvent(event: EventView): string {
  const data = event.data;
  const parts = [EVENT_LABELS[event.type] ?? event.type];
  if (typeof data.recipients === 'number') parts.push(`${data.recipients} recipient${data.recipients === 1 ? '' : 's'}`);
  if (typeof data.route === 'string') parts.push(`route ${data.route}`);
  for (const key of ['action', 'summary', 'reason']) {
    const value = data[key];
    if (typeof value === 'string' && value) parts.push(value);
  }
  return parts.join(' · ');
}

export function Timeline({ message }: { message: MessageDetail }) {
  const addresses = new Map(message.recipients.map((recipient) => [recipient.recipientId, recipient.address]));
  const entries = timelineEntries(message);
  if (entries.length === 0) return <p className="empty">Nothing has happened to this message yet.</p>;
  return (
    <ol className="timeline" data-testid="timeline">
      {entries.map((entry) => entry.kind === 'attempt' ? (
        <AttemptItem key={`a${entry.attempt.id}`} attempt={entry.attempt} address={addresses.get(entry.attempt.recipientId) ?? `recipient ${entry.attempt.recipientId}`} />
      ) : (
        <li key={`e${entry.event.id}`} className="timeline-item" data-testid={`event-${entry.event.id}`}>
          <div className="timeline-head">
            <time className="mono">{formatDateTime(entry.at)}</time>
            <span>{describeEvent(entry.event)}</span>
            {entry.event.recipientId !== null ? <span className="muted mono">{addresses.get(entry.event.recipientId) ?? ''}</span> : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
