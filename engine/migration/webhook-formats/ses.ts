// Amazon SES notifications as SNS delivers them over HTTP: an envelope whose Message is the
// SES event as a JSON string. Both `eventType` (event publishing) and, for Delivery, Bounce
// and Complaint, `notificationType` (identity notifications) are set, so either kind of
// receiver reads it (https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html).
import { randomUUID } from 'node:crypto';
import type { WebhookEvent } from '../../api/contract';
import { type ProviderFormatter, bareMessageId, replyCodes } from './shared';

const iso = (ms: number) => new Date(ms).toISOString();

function bounce(event: WebhookEvent, type: 'Permanent' | 'Transient', subType: string, reply: string | null) {
  const { enhanced } = replyCodes(reply);
  return {
    bounceType: type, bounceSubType: subType, timestamp: iso(event.at), feedbackId: event.id,
    bouncedRecipients: [{ emailAddress: event.recipient, action: 'failed', status: enhanced ?? (type === 'Permanent' ? '5.0.0' : '4.0.0'), diagnosticCode: reply ? `smtp; ${reply}` : null }],
  };
}

function sesEvent(event: WebhookEvent): Record<string, unknown> | null {
  const at = iso(event.at);
  switch (event.type) {
    case 'recipient.delivered':
      return { eventType: 'Delivery', notificationType: 'Delivery', delivery: { timestamp: at, recipients: [event.recipient], smtpResponse: event.data.reply ?? '', reportingMTA: event.data.mxHost ?? '', processingTimeMillis: 0 } };
    case 'recipient.deferred':
      return { eventType: 'DeliveryDelay', deliveryDelay: { timestamp: at, delayType: 'TransientCommunicationFailure', expirationTime: null, delayedRecipients: [{ emailAddress: event.recipient, status: replyCodes(event.data.reply).enhanced, diagnosticCode: event.data.reply }] } };
    case 'recipient.bounced':
      return { eventType: 'Bounce', notificationType: 'Bounce', bounce: bounce(event, 'Permanent', event.data.category === 'recipient' ? 'NoEmail' : 'General', event.data.reply) };
    case 'recipient.expired':
      return { eventType: 'Bounce', notificationType: 'Bounce', bounce: bounce(event, 'Transient', 'General', event.data.reply) };
    case 'recipient.suppressed':
      return { eventType: 'Bounce', notificationType: 'Bounce', bounce: bounce(event, 'Permanent', 'OnAccountSuppressionList', null) };
    case 'recipient.complained':
      return { eventType: 'Complaint', notificationType: 'Complaint', complaint: { timestamp: at, feedbackId: event.id, complaintFeedbackType: event.data.feedbackType, complainedRecipients: [{ emailAddress: event.recipient }] } };
    case 'recipient.opened':
      return { eventType: 'Open', open: { timestamp: at, ipAddress: event.data.ip, userAgent: event.data.userAgent } };
    case 'recipient.clicked':
      return { eventType: 'Click', click: { timestamp: at, ipAddress: event.data.ip, userAgent: event.data.userAgent, link: event.data.url } };
    default:
      return null;
  }
}

export const sesFormat: ProviderFormatter = (events, { now }) => {
  const event = events.length === 1 ? events[0]! : null;
  const inner = event && sesEvent(event);
  if (!event || !inner) return null;
  const mail = {
    timestamp: iso(event.at), messageId: event.message?.id ?? null, source: event.message?.mailFrom ?? null, destination: [event.recipient],
    headersTruncated: false, commonHeaders: { subject: event.message?.subject ?? null, messageId: bareMessageId(event) },
  };
  const envelope = {
    Type: 'Notification', MessageId: randomUUID(), TopicArn: 'arn:aws:sns:relaydesk:000000000000:relaydesk-migration',
    Message: JSON.stringify({ ...inner, mail }), Timestamp: iso(now), SignatureVersion: '1',
    // An SNS signature needs Amazon's key; receivers that verify it will refuse this (see the playbook).
    Signature: '', SigningCertURL: '', UnsubscribeURL: '',
  };
  return { contentType: 'text/plain; charset=UTF-8', body: JSON.stringify(envelope), headers: { 'x-amz-sns-message-type': 'Notification' } };
};
