// SendGrid Event Webhook payloads: a JSON array of events, Unix-second timestamps
// (https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/event).
import type { WebhookEvent } from '../../api/contract';
import { type ProviderFormatter, replyCodes, seconds } from './shared';

type SendGridEvent = Record<string, unknown>;

function toSendGrid(event: WebhookEvent): SendGridEvent[] {
  const base = {
    email: event.recipient, timestamp: seconds(event.at), 'smtp-id': event.message?.messageIdHeader ?? null,
    sg_event_id: event.id, sg_message_id: event.message?.id ?? null, category: [],
  };
  switch (event.type) {
    case 'message.accepted':
      return event.data.recipients.map((email) => ({ ...base, email, event: 'processed' }));
    case 'recipient.delivered':
      return [{ ...base, event: 'delivered', response: event.data.reply ?? '' }];
    case 'recipient.deferred':
      return [{ ...base, event: 'deferred', response: event.data.reply ?? '', attempt: '1' }];
    case 'recipient.bounced':
    case 'recipient.expired': {
      const { enhanced } = replyCodes(event.data.reply);
      // SendGrid calls a refusal of the sender (reputation, policy) a block, not a bounce.
      const type = event.data.category === 'reputation' || event.data.category === 'policy' || event.type === 'recipient.expired' ? 'blocked' : 'bounce';
      return [{ ...base, event: 'bounce', type, status: enhanced ?? (event.type === 'recipient.expired' ? '4.4.7' : '5.0.0'), reason: event.data.reply ?? event.data.summary ?? '' }];
    }
    case 'recipient.suppressed':
      return [{ ...base, event: 'dropped', reason: event.data.reason ?? 'Suppressed' }];
    case 'recipient.opened':
      return [{ ...base, event: 'open', useragent: event.data.userAgent, ip: event.data.ip, sg_machine_open: event.data.isAutomated }];
    case 'recipient.clicked':
      return [{ ...base, event: 'click', url: event.data.url, useragent: event.data.userAgent, ip: event.data.ip }];
    case 'recipient.unsubscribed':
      return [{ ...base, event: 'unsubscribe' }];
    case 'recipient.complained':
      return [{ ...base, event: 'spamreport' }];
    default:
      return [];
  }
}

export const sendgridFormat: ProviderFormatter = (events) => {
  const mapped = events.flatMap(toSendGrid);
  if (mapped.length === 0) return null;
  return { contentType: 'application/json', body: JSON.stringify(mapped), headers: {} };
};
