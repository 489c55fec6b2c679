// Postmark webhook payloads: one JSON object per POST, RecordType naming the kind
// (https://postmarkapp.com/developer/webhooks/webhooks-overview).
import type { WebhookEvent } from '../../api/contract';
import type { ProviderFormatter } from './shared';

// Postmark's bounce type codes: HardBounce 1, Transient 2, SpamComplaint 512, SoftBounce 4096.
const BOUNCES = {
  hard: { Type: 'HardBounce', TypeCode: 1, Name: 'Hard bounce', Inactive: true },
  transient: { Type: 'Transient', TypeCode: 2, Name: 'Message delayed', Inactive: false },
  soft: { Type: 'SoftBounce', TypeCode: 4096, Name: 'Soft bounce', Inactive: false },
  spam: { Type: 'SpamComplaint', TypeCode: 512, Name: 'Spam complaint', Inactive: true },
} as const;

function record(event: WebhookEvent): Record<string, unknown> | null {
  const at = new Date(event.at).toISOString();
  const base = { MessageID: event.message?.id ?? null, ServerID: 0, MessageStream: event.message?.stream === 'bulk' ? 'broadcast' : 'outbound', Tag: '', Metadata: {} };
  const bounce = (kind: keyof typeof BOUNCES, description: string | null, details: string | null) => ({
    ...base, RecordType: kind === 'spam' ? 'SpamComplaint' : 'Bounce', ID: event.id, ...BOUNCES[kind], Email: event.recipient,
    From: event.message?.mailFrom ?? null, Subject: event.message?.subject ?? null, BouncedAt: at, Description: description ?? '', Details: details ?? '',
    DumpAvailable: false, CanActivate: true,
  });
  switch (event.type) {
    case 'recipient.delivered':
      return { ...base, RecordType: 'Delivery', Recipient: event.recipient, DeliveredAt: at, Details: event.data.reply ?? '' };
    case 'recipient.bounced':
      return bounce('hard', event.data.summary, event.data.reply);
    case 'recipient.deferred':
      return bounce('transient', event.data.summary, event.data.reply);
    case 'recipient.expired':
      return bounce('soft', event.data.summary, event.data.reply);
    case 'recipient.complained':
      return bounce('spam', 'The recipient marked the message as spam.', event.data.reportedBy);
    case 'recipient.opened':
      return { ...base, RecordType: 'Open', FirstOpen: true, Recipient: event.recipient, ReceivedAt: at, UserAgent: event.data.userAgent ?? '', Platform: 'Unknown' };
    case 'recipient.clicked':
      return { ...base, RecordType: 'Click', ClickLocation: 'HTML', OriginalLink: event.data.url, Recipient: event.recipient, ReceivedAt: at, UserAgent: event.data.userAgent ?? '' };
    case 'recipient.unsubscribed':
      return { ...base, RecordType: 'SubscriptionChange', Recipient: event.recipient, ChangedAt: at, Origin: 'Recipient', SuppressSending: true, SuppressionReason: 'ManualSuppression' };
    default:
      return null;
  }
}

export const postmarkFormat: ProviderFormatter = (events) => {
  const body = events.length === 1 ? record(events[0]!) : null;
  return body && { contentType: 'application/json', body: JSON.stringify(body), headers: {} };
};
