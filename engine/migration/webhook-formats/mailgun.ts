// Mailgun webhook payloads: one event per POST, {signature, event-data}, signed with
// HMAC-SHA256 over timestamp + token (https://documentation.mailgun.com/docs/mailgun/user-manual/events/webhooks).
import { createHmac, randomBytes } from 'node:crypto';
import type { WebhookEvent } from '../../api/contract';
import { type ProviderFormatter, bareMessageId, replyCodes, seconds } from './shared';

function delivery(reply: string | null, description: string | null) {
  const { code, enhanced } = replyCodes(reply);
  return { code: code ?? 0, 'enhanced-code': enhanced ?? '', message: reply ?? '', description: description ?? '', 'attempt-no': 1 };
}

function eventData(event: WebhookEvent): Record<string, unknown> | null {
  const base = {
    id: event.id, timestamp: event.at / 1000, recipient: event.recipient, 'user-variables': {},
    message: { headers: { 'message-id': bareMessageId(event), from: event.message?.mailFrom ?? null, subject: event.message?.subject ?? null, to: event.recipient } },
  };
  switch (event.type) {
    case 'message.accepted':
      return { ...base, event: 'accepted', recipient: event.data.recipients[0] ?? null };
    case 'recipient.delivered':
      return { ...base, event: 'delivered', 'delivery-status': delivery(event.data.reply, event.data.summary) };
    case 'recipient.deferred':
      return { ...base, event: 'failed', severity: 'temporary', reason: 'generic', 'delivery-status': delivery(event.data.reply, event.data.summary) };
    case 'recipient.bounced':
    case 'recipient.expired':
      return { ...base, event: 'failed', severity: 'permanent', reason: event.type === 'recipient.expired' ? 'generic' : 'bounce', 'delivery-status': delivery(event.data.reply, event.data.summary) };
    case 'recipient.suppressed':
      return { ...base, event: 'failed', severity: 'permanent', reason: 'suppress-bounce', 'delivery-status': delivery(null, event.data.reason) };
    case 'recipient.opened':
      return { ...base, event: 'opened', ip: event.data.ip, 'client-info': { 'user-agent': event.data.userAgent } };
    case 'recipient.clicked':
      return { ...base, event: 'clicked', url: event.data.url, ip: event.data.ip, 'client-info': { 'user-agent': event.data.userAgent } };
    case 'recipient.unsubscribed':
      return { ...base, event: 'unsubscribed' };
    case 'recipient.complained':
      return { ...base, event: 'complained' };
    default:
      return null;
  }
}

export const mailgunFormat: ProviderFormatter = (events, { secret, now }) => {
  const data = events.length === 1 ? eventData(events[0]!) : null;
  if (!data) return null;
  const timestamp = String(seconds(now));
  const token = randomBytes(25).toString('hex');
  const signature = createHmac('sha256', secret).update(timestamp + token).digest('hex');
  return { contentType: 'application/json', body: JSON.stringify({ signature: { timestamp, token, signature }, 'event-data': data }), headers: {} };
};
