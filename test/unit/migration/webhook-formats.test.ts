// Webhook payloads shaped like each provider's for the main events, with the provider's
// signatures computed the way its documentation says receivers verify them.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { WebhookEvent } from '../../../engine/api/contract';
import { WEBHOOK_FORMATTERS } from '../../../engine/migration/index';

const AT = Date.UTC(2026, 4, 2, 12, 0, 0);
const message = { id: '01JTESTQUEUEID', messageIdHeader: '<abc@shop.example>', stream: 'transactional' as const, mailFrom: 'app@shop.example', senderDomain: 'shop.example', subject: 'Your order' };
const delivery = (reply: string, category = 'none') => ({ mxHost: 'mx.dest.example', route: 'direct', reply, category, summary: 'What happened.', by: 'remote' as const });
const EVENTS: Record<string, WebhookEvent> = {
  delivered: { id: 'evt_1', type: 'recipient.delivered', at: AT, message, recipient: 'ada@dest.example', data: delivery('250 2.0.0 OK id=1') },
  bounced: { id: 'evt_2', type: 'recipient.bounced', at: AT, message, recipient: 'gone@dest.example', data: delivery('550 5.1.1 No such user', 'recipient') },
  deferred: { id: 'evt_3', type: 'recipient.deferred', at: AT, message, recipient: 'slow@dest.example', data: delivery('451 4.7.1 Try later', 'greylist') },
  complained: { id: 'evt_4', type: 'recipient.complained', at: AT, message, recipient: 'angry@dest.example', data: { feedbackType: 'abuse', reportedBy: 'Yahoo' } },
  opened: { id: 'evt_5', type: 'recipient.opened', at: AT, message, recipient: 'ada@dest.example', data: { userAgent: 'Mail', ip: '198.51.100.1', isAutomated: false, automatedReason: null } },
};
const context = { url: 'https://hooks.example/mail', secret: 'whsec_test', now: AT };
const format = (provider: keyof typeof WEBHOOK_FORMATTERS, ...events: WebhookEvent[]) => WEBHOOK_FORMATTERS[provider](events, context)!;

describe('SendGrid', () => {
  it('posts one JSON array with SendGrid\'s event names and Unix seconds', () => {
    const request = format('sendgrid', EVENTS.delivered!, EVENTS.bounced!, EVENTS.complained!);
    expect(request.contentType).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual([
      expect.objectContaining({ event: 'delivered', email: 'ada@dest.example', timestamp: AT / 1000, 'smtp-id': '<abc@shop.example>', sg_message_id: message.id, response: '250 2.0.0 OK id=1' }),
      expect.objectContaining({ event: 'bounce', type: 'bounce', status: '5.1.1', reason: '550 5.1.1 No such user' }),
      expect.objectContaining({ event: 'spamreport', email: 'angry@dest.example' }),
    ]);
  });
});

describe('Mailgun', () => {
  it('posts {signature, event-data} signed with HMAC-SHA256 over timestamp and token', () => {
    const body = JSON.parse(format('mailgun', EVENTS.bounced!).body);
    expect(body['event-data']).toMatchObject({ event: 'failed', severity: 'permanent', reason: 'bounce', recipient: 'gone@dest.example',
      'delivery-status': { code: 550, 'enhanced-code': '5.1.1' }, message: { headers: { 'message-id': 'abc@shop.example' } } });
    const { timestamp, token, signature } = body.signature;
    expect(signature).toBe(createHmac('sha256', context.secret).update(timestamp + token).digest('hex'));
    expect(JSON.parse(format('mailgun', EVENTS.deferred!).body)['event-data']).toMatchObject({ event: 'failed', severity: 'temporary' });
  });
});

describe('Amazon SES', () => {
  it('wraps the SES notification in an SNS envelope, as text/plain', () => {
    const request = format('ses', EVENTS.bounced!);
    expect(request.contentType).toBe('text/plain; charset=UTF-8');
    const envelope = JSON.parse(request.body);
    expect(envelope).toMatchObject({ Type: 'Notification' });
    const inner = JSON.parse(envelope.Message);
    expect(inner).toMatchObject({
      notificationType: 'Bounce', eventType: 'Bounce', mail: { messageId: message.id, source: 'app@shop.example', destination: ['gone@dest.example'] },
      bounce: { bounceType: 'Permanent', bounceSubType: 'NoEmail', bouncedRecipients: [{ emailAddress: 'gone@dest.example', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 No such user' }] },
    });
    expect(JSON.parse(JSON.parse(format('ses', EVENTS.delivered!).body).Message).delivery).toMatchObject({ recipients: ['ada@dest.example'], smtpResponse: '250 2.0.0 OK id=1' });
  });
});

describe('Postmark', () => {
  it('posts one record per event with its RecordType and bounce type code', () => {
    expect(JSON.parse(format('postmark', EVENTS.delivered!).body)).toMatchObject({ RecordType: 'Delivery', Recipient: 'ada@dest.example', MessageID: message.id, MessageStream: 'outbound' });
    expect(JSON.parse(format('postmark', EVENTS.bounced!).body)).toMatchObject({ RecordType: 'Bounce', Type: 'HardBounce', TypeCode: 1, Email: 'gone@dest.example', Inactive: true });
    expect(JSON.parse(format('postmark', EVENTS.complained!).body)).toMatchObject({ RecordType: 'SpamComplaint', TypeCode: 512 });
  });
});

describe('Brevo', () => {
  it('posts Brevo\'s event names', () => {
    expect(JSON.parse(format('brevo', EVENTS.bounced!).body)).toMatchObject({ event: 'hard_bounce', email: 'gone@dest.example', 'message-id': '<abc@shop.example>', ts_event: AT / 1000 });
    expect(JSON.parse(format('brevo', EVENTS.opened!).body)).toMatchObject({ event: 'opened' });
  });
});

describe('Mailchimp Transactional', () => {
  it('posts a form with mandrill_events, signed with X-Mandrill-Signature', () => {
    const request = format('mandrill', EVENTS.delivered!, EVENTS.deferred!);
    expect(request.contentType).toBe('application/x-www-form-urlencoded');
    const value = new URLSearchParams(request.body).get('mandrill_events')!;
    expect(JSON.parse(value)).toEqual([
      expect.objectContaining({ event: 'send', msg: expect.objectContaining({ email: 'ada@dest.example', state: 'sent' }) }),
      expect.objectContaining({ event: 'deferral', msg: expect.objectContaining({ state: 'deferred' }) }),
    ]);
    // The documented verification: HMAC-SHA1 of the URL followed by each POST key and value, base64.
    const expected = createHmac('sha1', context.secret).update(`${context.url}mandrill_events${value}`).digest('base64');
    expect(request.headers['x-mandrill-signature']).toBe(expected);
  });
});

describe('events a provider has no equivalent for', () => {
  it('are left to Relaydesk\'s own shape', () => {
    const domainEvent: WebhookEvent = { id: 'evt_9', type: 'domain.statusChanged', at: AT, message: null, recipient: null, data: { domain: 'shop.example', from: null, to: 'verified', detail: '' } };
    for (const provider of Object.keys(WEBHOOK_FORMATTERS) as Array<keyof typeof WEBHOOK_FORMATTERS>) {
      expect(WEBHOOK_FORMATTERS[provider]([domainEvent], context), provider).toBeNull();
    }
  });
});
