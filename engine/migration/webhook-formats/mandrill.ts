// Mailchimp Transactional (Mandrill) webhook payloads: a form POST whose mandrill_events
// field is a JSON array, signed with X-Mandrill-Signature: base64 HMAC-SHA1 of the URL
// followed by each POST field's name and value, sorted by name
// (https://mailchimp.com/developer/transactional/guides/track-respond-activity-webhooks/).
import { createHmac } from 'node:crypto';
import type { WebhookEvent } from '../../api/contract';
import { type ProviderFormatter, seconds } from './shared';

function mandrillEvent(event: WebhookEvent): Record<string, unknown> | null {
  const ts = seconds(event.at);
  const msg = (state: string, extra: Record<string, unknown> = {}) => ({
    ts, _id: event.message?.id ?? null, state, subject: event.message?.subject ?? null, email: event.recipient,
    sender: event.message?.mailFrom ?? null, tags: [], metadata: {}, ...extra,
  });
  const base = { _id: event.message?.id ?? null, ts };
  switch (event.type) {
    case 'recipient.delivered':
      return { ...base, event: 'send', msg: msg('sent', { smtp_events: [{ ts, type: 'sent', diag: event.data.reply ?? '' }] }) };
    case 'recipient.deferred':
      return { ...base, event: 'deferral', msg: msg('deferred', { smtp_events: [{ ts, type: 'deferred', diag: event.data.reply ?? '' }] }) };
    case 'recipient.bounced':
      return { ...base, event: 'hard_bounce', msg: msg('bounced', { bounce_description: event.data.category ?? 'general', diag: event.data.reply ?? '' }) };
    case 'recipient.expired':
      return { ...base, event: 'soft_bounce', msg: msg('soft-bounced', { bounce_description: 'general', diag: event.data.reply ?? '' }) };
    case 'recipient.suppressed':
      return { ...base, event: 'reject', msg: msg('rejected') };
    case 'recipient.opened':
      return { ...base, event: 'open', ip: event.data.ip, user_agent: event.data.userAgent, msg: msg('sent') };
    case 'recipient.clicked':
      return { ...base, event: 'click', url: event.data.url, ip: event.data.ip, user_agent: event.data.userAgent, msg: msg('sent') };
    case 'recipient.unsubscribed':
      return { ...base, event: 'unsub', msg: msg('sent') };
    case 'recipient.complained':
      return { ...base, event: 'spam', msg: msg('sent') };
    default:
      return null;
  }
}

/** X-Mandrill-Signature for a POST of these fields to `url`. */
export function mandrillSignature(secret: string, url: string, fields: Record<string, string>): string {
  const signed = url + Object.keys(fields).sort().map((name) => name + fields[name]).join('');
  return createHmac('sha1', secret).update(signed).digest('base64');
}

export const mandrillFormat: ProviderFormatter = (events, { url, secret }) => {
  const mapped = events.map(mandrillEvent).filter((event) => event !== null);
  if (mapped.length === 0) return null;
  const fields = { mandrill_events: JSON.stringify(mapped) };
  return {
    contentType: 'application/x-www-form-urlencoded',
    body: new URLSearchParams(fields).toString(),
    headers: { 'x-mandrill-signature': mandrillSignature(secret, url, fields) },
  };
};
