// The public webhook events: their names, what each means, and how a stored engine
// event becomes the events receivers see (names and shapes are a published contract).
import type { WebhookDeliveryData, WebhookEvent, WebhookEventType, WebhookMessageRef, WebhookTrackingData } from '../api/contract';
import type { EventContext, MessageFacts, StoredEvent } from '../events/index';

export const WEBHOOK_EVENT_TYPES: Readonly<Record<WebhookEventType, string>> = {
  'message.accepted': 'A message was accepted and queued; one event per message, listing its recipients.',
  'recipient.delivered': 'The receiving server accepted the message for a recipient (2xx).',
  'recipient.deferred': 'A delivery attempt failed temporarily; Relaydesk will retry.',
  'recipient.bounced': 'Delivery failed for good (5xx, or bounced by the operator); the address may be suppressed.',
  'recipient.suppressed': 'The recipient is on a suppression list; the message was not sent to it.',
  'recipient.expired': 'The retry window ended without a delivery.',
  'recipient.opened': 'The open-tracking pixel was fetched.',
  'recipient.clicked': 'A tracked link was followed.',
  'recipient.unsubscribed': 'The recipient unsubscribed from the sender domain\'s mail.',
  'recipient.complained': 'A feedback loop reported the message as spam.',
  'blocklist.listed': 'A sending address or domain of this relay was found on a blocklist.',
  'domain.statusChanged': 'A sending domain became verified, unverified or failing.',
};

const UNSUBSCRIBE_VIA = ['one-click', 'page', 'mailto'] as const;
const DOMAIN_STATUSES = ['unverified', 'verified', 'failing'] as const;

export function isWebhookEventType(type: string): type is WebhookEventType {
  return Object.hasOwn(WEBHOOK_EVENT_TYPES, type);
}

/** The public events a stored event stands for; none for internal ones (holds, DSNs, alerts). */
export function toWebhookEvents(event: StoredEvent, context: EventContext): WebhookEvent[] {
  const facts = context.message(event.messageId);
  const message = facts ? messageRef(facts) : null;
  const recipient = context.recipient(event.recipientId)?.address ?? stringOr(event.data.address, null);
  const base = { id: `evt_${event.id}`, at: event.at, message, recipient };
  const data = event.data;
  if (event.type === 'message.accepted') {
    // A message deleted by the operator before it was read leaves nothing to describe.
    if (!facts || !message) return [];
    const accepted: WebhookEvent = {
      ...base, type: 'message.accepted', recipient: null,
      data: { recipients: context.recipientsOf(facts.id).map((r) => r.address), size: facts.size, source: facts.source, route: facts.route },
    };
    const suppressed = context.suppressedAtIntake(facts.id).map((r): WebhookEvent => ({
      ...base, id: `evt_${event.id}_${r.id}`, type: 'recipient.suppressed', recipient: r.address, data: { reason: r.reason },
    }));
    return [accepted, ...suppressed];
  }
  switch (event.type) {
    case 'recipient.delivered':
    case 'recipient.deferred':
    case 'recipient.bounced':
    case 'recipient.expired':
      return [{ ...base, type: event.type, data: deliveryData(data) }];
    case 'recipient.suppressed':
      return [{ ...base, type: 'recipient.suppressed', data: { reason: stringOr(data.reason, null) } }];
    case 'recipient.opened':
      return [{ ...base, type: 'recipient.opened', data: trackingData(data) }];
    case 'recipient.clicked':
      return [{ ...base, type: 'recipient.clicked', data: { ...trackingData(data), url: stringOr(data.url, '') } }];
    case 'recipient.unsubscribed':
      return [{ ...base, type: 'recipient.unsubscribed', data: { via: oneOf(data.via, UNSUBSCRIBE_VIA, 'page'), senderDomain: stringOr(data.senderDomain, '') } }];
    case 'recipient.complained':
      return [{ ...base, type: 'recipient.complained', data: { feedbackType: stringOr(data.feedbackType, 'abuse'), reportedBy: stringOr(data.reportedBy, null) } }];
    case 'blocklist.listed':
      return [{
        ...base, type: 'blocklist.listed',
        data: {
          target: stringOr(data.target, ''), targetKind: data.targetKind === 'domain' ? 'domain' : 'ip', list: stringOr(data.list, ''),
          source: data.source === 'dns' ? 'dns' : 'reply', detail: stringOr(data.detail, null), delistUrl: stringOr(data.delistUrl, null),
        },
      }];
    case 'domain.statusChanged':
      return [{
        ...base, type: 'domain.statusChanged',
        data: { domain: stringOr(data.domain, ''), from: oneOf(data.from, DOMAIN_STATUSES, null), to: oneOf(data.to, DOMAIN_STATUSES, 'failing'), detail: stringOr(data.detail, '') },
      }];
    default:
      return [];
  }
}

/** The sender domain an event concerns, for endpoint filters: the message's, or the domain whose status changed. */
export function senderDomainOf(event: WebhookEvent): string | null {
  if (event.message) return event.message.senderDomain;
  return event.type === 'domain.statusChanged' ? event.data.domain : null;
}

export function messageRef(facts: MessageFacts): WebhookMessageRef {
  return {
    id: facts.id, messageIdHeader: facts.messageIdHeader, stream: facts.stream, mailFrom: facts.mailFrom,
    senderDomain: facts.senderDomain, subject: facts.subject,
  };
}

// Delivery outcomes carry the attempt's data; operator actions say who did it.
function deliveryData(data: Record<string, unknown>): WebhookDeliveryData {
  return {
    mxHost: stringOr(data.mxHost, null),
    route: stringOr(data.route, null),
    reply: stringOr(data.reply, null),
    category: stringOr(data.category, null),
    summary: stringOr(data.summary, null),
    by: data.by === 'operator' ? 'operator' : 'remote',
  };
}

function trackingData(data: Record<string, unknown>): WebhookTrackingData {
  return {
    userAgent: stringOr(data.userAgent, null),
    ip: stringOr(data.ip, null),
    isAutomated: data.isAutomated === true,
    automatedReason: stringOr(data.automatedReason, null),
  };
}

// Stored data is JSON written by this engine; these keep a damaged row from breaking the published shape.
function oneOf<T extends string, F extends T | null>(value: unknown, allowed: readonly T[], fallback: F): T | F {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

function stringOr<T extends string | null>(value: unknown, fallback: T): string | T {
  return typeof value === 'string' ? value : fallback;
}
