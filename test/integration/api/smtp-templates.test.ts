// Templates and tracking choices from SMTP: an authenticated client names a template with
// X-Relaydesk-Template and passes variables in X-Relaydesk-Variables (base64 JSON); the MX
// gets the rendered message without any X-Relaydesk-* header; a wrong one is refused for good.
import { describe, expect, it } from 'vitest';
import { mxRecords } from '../../support/delivery-relay';
import { deliveryTestbed } from '../../support/delivery-testbed';
import { submit, type SmtpFailure } from '../../support/submit';
import { api, tokenOf } from './api-client';

let auth = { user: '', pass: '' };
const bed = deliveryTestbed({
  mx: [{ host: '127.0.0.2', name: 'mx.dest.test' }],
  zone: mxRecords('dest.test', [[10, 'mx.dest.test', '127.0.0.2']]),
  relay: { config: { api: { enabled: true, port: 0 } } },
  async prepare(bed) {
    const issued = await bed.relay.engine.client.call('credentials.add', { name: 'shop', senderDomains: ['sender.test'] });
    auth = { user: issued.username, pass: issued.secret };
    await bed.relay.engine.client.call('templates.save', {
      name: 'welcome', subject: 'Welcome, {{name}}', html: '<p>Hello <b>{{name}}</b></p>', text: 'Hello {{name}}',
    });
  },
});

const variables = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64');
const send = (to: string, headers: string[]) => submit({
  port: bed.relay.port('submission'), auth, from: 'shop@sender.test', to: [to],
  message: ['From: Shop <shop@sender.test>', `To: ${to}`, 'Subject: placeholder', ...headers, '', 'ignored body', ''].join('\r\n'),
});

describe('X-Relaydesk-Template over SMTP', () => {
  it('renders the template into the message, strips the control headers, and records the version', async () => {
    const { queueId } = await send('new@dest.test', ['X-Relaydesk-Template: welcome', `X-Relaydesk-Variables: ${variables({ name: 'Grace' })}`,
      'X-Relaydesk-Category: onboarding', 'X-Relaydesk-Tags: welcome, signup']);
    await bed.mx().waitFor((mx) => mx.transactions.some((t) => t.rcptTo.includes('new@dest.test')));
    const received = bed.mx().transactions.find((t) => t.rcptTo.includes('new@dest.test'))!.message.toString();
    expect(received).toMatch(/^Subject: Welcome, Grace\r$/m);
    expect(received).toContain('<p>Hello <b>Grace</b></p>');
    expect(received).not.toMatch(/X-Relaydesk|placeholder|ignored body/i);
    const stored = Buffer.from((await bed.relay.engine.client.call('message.raw', { id: queueId })).base64, 'base64').toString();
    expect(stored).not.toMatch(/X-Relaydesk/i);
    // The token of the credential that submitted over SMTP sees the message over HTTP too.
    const status = await api<{ subject: string; category: string; tags: string[]; template: object }>(bed.relay.engine.emailApi!.url!, `/api/messages/${queueId}`, { token: tokenOf({ username: auth.user, secret: auth.pass }) });
    expect(status.body).toMatchObject({ subject: 'Welcome, Grace', category: 'onboarding', tags: ['welcome', 'signup'], template: { version: 1 } });
  });

  it.each([
    ['an unknown template', ['X-Relaydesk-Template: nope'], '550 5.6.0 X-Relaydesk-Template: No template "nope".'],
    ['variables that are not a JSON object', ['X-Relaydesk-Template: welcome', 'X-Relaydesk-Variables: bm90IGpzb24='], '550 5.6.0 X-Relaydesk-Variables must be the base64 encoding of a JSON object'],
  ])('refuses %s with a permanent error', async (_what, headers, reply) => {
    const error = await send('nobody@dest.test', headers).catch((caught: SmtpFailure) => caught);
    expect((error as SmtpFailure).response).toMatch(new RegExp(`^${reply.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });
});
