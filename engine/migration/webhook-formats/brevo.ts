// Brevo transactional webhook payloads: one JSON object per event
// (https://developers.brevo.com/docs/transactional-webhooks).
import type { WebhookEvent } from '../../api/contract';
import { type ProviderFormatter, seconds } from './shared';

// Brevo's `date` is local time without a zone; UTC is what Relaydesk knows for sure.
const brevoDate = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

function brevoEvent(event: WebhookEvent): Record<string, unknown> | null {
  const base = {
    email: event.recipient, id: event.id, date: brevoDate(event.at), ts: seconds(event.at), 'message-id': event.message?.messageIdHeader ?? null,
    ts_event: seconds(event.at), ts_epoch: event.at, subject: event.message?.subject ?? null, tag: '',
  };
  switch (event.type) {
    case 'message.accepted':
      return { ...base, event: 'request', email: event.data.recipients[0] ?? null };
    case 'recipient.delivered':
      return { ...base, event: 'delivered' };
    case 'recipient.deferred':
      return { ...base, event: 'deferred', reason: event.data.reply ?? '' };
    case 'recipient.bounced':
      return { ...base, event: 'hard_bounce', reason: event.data.reply ?? event.data.summary ?? '' };
    case 'recipient.expired':
      return { ...base, event: 'soft_bounce', reason: event.data.reply ?? event.data.summary ?? '' };
    case 'recipient.suppressed':
      return { ...base, event: 'blocked', reason: event.data.reason ?? '' };
    case 'recipient.opened':
      return { ...base, event: 'opened' };
    case 'recipient.clicked':
      return { ...base, event: 'click', link: event.data.url };
    case 'recipient.unsubscribed':
      return { ...base, event: 'unsubscribed' };
    case 'recipient.complained':
      return { ...base, event: 'spam' };
    default:
      return null;
  }
}

export const brevoFormat: ProviderFormatter = (events) => {
  const body = events.length === 1 ? brevoEvent(events[0]!) : null;
  return body && { contentType: 'application/json', body: JSON.stringify(body), headers: {} };
};
