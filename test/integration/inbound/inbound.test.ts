// Asynchronous bounces and complaints end to end: a message is delivered (its envelope sender
// a VERP address on the sending domain's bounce domain), then a real-world shaped DSN or ARF
// report is delivered over SMTP to the inbound listener, which bounces the recipient (and
// suppresses a bad address) or suppresses a complainer on every stream.
import { describe, expect, it } from 'vitest';
import type { SmtpFailure } from '../../support/submit';
import { mxRecords } from '../../support/delivery-relay';
import { deliveryTestbed } from '../../support/delivery-testbed';
import { reportFixture } from '../../support/report-fixture';
import { openSubmission } from '../../support/submit';
import { eventually, nextEvent } from '../../support/wait';
import { api, tokenOf } from '../api/api-client';

const FBL = 'fbl.example.com';
const tokens: Record<string, string> = {};
const bed = deliveryTestbed({
  mx: [{ host: '127.0.0.2', name: 'mx.dest.test' }],
  zone: mxRecords('dest.test', [[10, 'mx.dest.test', '127.0.0.2']]),
  relay: { config: { api: { enabled: true, port: 0 }, inbound: { enabled: true, port: 0, domains: [FBL] } } },
  async prepare(bed) {
    // A sending domain with a return path: its mail leaves with VERP envelope senders on bounces.sender.test.
    await bed.relay.engine.client.call('domains.add', { domain: 'sender.test' });
    tokens.shop = tokenOf(await bed.relay.engine.client.call('credentials.add', { name: 'shop', senderDomains: ['sender.test'] }));
    tokens.news = tokenOf(await bed.relay.engine.client.call('credentials.add', { name: 'news', stream: 'bulk', senderDomains: ['sender.test'] }));
  },
});

/** Sends one message to `to` and waits until the MX has it; returns what a report about it needs. */
async function delivered(to: string, token = tokens.shop!) {
  const { body } = await api<{ id: string }>(bed.relay.engine.emailApi!.url!, '/api/send', { token, body: { from: 'shop@sender.test', to, subject: 'Your receipt', text: 'Thanks.' } });
  await bed.mx().waitFor((mx) => mx.transactions.some((t) => t.rcptTo.includes(to)));
  await eventually(async () => ((await state(body.id)) === 'delivered' ? true : undefined), `${to} delivered`);
  const transaction = bed.mx().transactions.find((t) => t.rcptTo.includes(to))!;
  return { id: body.id, verp: transaction.mailFrom, raw: transaction.message.toString(), values: { RCPT: to, QUEUE_ID: body.id, MESSAGE_ID: `<${body.id.toLowerCase()}@relay.test>`, VERP: transaction.mailFrom } };
}

async function state(id: string): Promise<string> {
  return (await bed.relay.engine.client.call('message.get', { id })).recipients[0]!.state;
}

/** Delivers a report to the inbound listener as a remote MTA would: from the null sender. */
async function report(rcptTo: string, message: Buffer, from = ''): Promise<string> {
  const session = await openSubmission({ port: bed.relay.port('inbound') });
  try {
    return await new Promise<string>((resolve, reject) => {
      session.connection.send({ from, to: [rcptTo] }, message, (error, info) => (error ? reject(error) : resolve(info.response)));
    });
  } finally {
    session.connection.close();
  }
}

const suppressionOf = async (address: string) => (await bed.relay.engine.client.call('suppressions.list', { search: address })).items;
const reportsAbout = async (messageId: string) => (await bed.relay.engine.client.call('inbound.list', { messageId })).items;

describe('delivery status notifications', () => {
  it('bounces a delivered recipient and suppresses the address when Gmail reports it does not exist', async () => {
    const mail = await delivered('gone@dest.test');
    expect(mail.verp).toMatch(/^bnc-[0-9a-z]{13}-[0-9a-z]+-[0-9a-z]{10}@bounces\.sender\.test$/);
    const changed = nextEvent(bed.relay.engine, 'recipient.changed', (changes) => changes.some((c) => c.messageId === mail.id && c.to === 'bounced'));
    expect(await report(mail.verp, reportFixture('dsn/gmail-user-unknown', mail.values))).toBe('250 2.0.0 Report received');
    expect((await changed).find((c) => c.messageId === mail.id)).toMatchObject({ from: 'delivered', to: 'bounced', category: 'recipient' });
    expect(await state(mail.id)).toBe('bounced');
    expect(await suppressionOf('gone@dest.test')).toMatchObject([{ scope: 'global', reason: 'hard-bounce', sourceMessageId: mail.id }]);
    expect(await reportsAbout(mail.id)).toMatchObject([{ kind: 'dsn', outcome: 'bounced', address: 'gone@dest.test', fields: { status: '5.1.1' } }]);
    const events = (await bed.relay.engine.client.call('message.get', { id: mail.id })).events.map((e) => e.type);
    expect(events).toEqual(expect.arrayContaining(['recipient.delivered', 'recipient.bounced']));
  });

  it('bounces but does not suppress a full mailbox', async () => {
    const mail = await delivered('full@dest.test');
    await report(mail.verp, reportFixture('dsn/gmail-mailbox-full', mail.values));
    expect(await state(mail.id)).toBe('bounced');
    expect(await suppressionOf('full@dest.test')).toEqual([]);
  });

  it.each([
    ['dsn/outlook-recipient-not-found', 'moved@dest.test'],
    ['dsn/exim-failed-no-verp', 'left@dest.test'],
  ])('matches %s by the returned headers when it does not come back to the VERP address', async (fixture, address) => {
    const mail = await delivered(address);
    await report(`postmaster@${FBL}`, reportFixture(fixture, { ...mail.values, VERP: `postmaster@${FBL}` }));
    expect(await state(mail.id)).toBe('bounced');
    expect(await suppressionOf(address)).toMatchObject([{ reason: 'hard-bounce' }]);
  });

  it('records a delay warning without changing the recipient', async () => {
    const mail = await delivered('slow@dest.test');
    await report(mail.verp, reportFixture('dsn/postfix-delayed', mail.values));
    expect(await state(mail.id)).toBe('delivered');
    expect(await reportsAbout(mail.id)).toMatchObject([{ outcome: 'delayed', detail: 'The remote system reports "delayed" (4.4.1); nothing changes.' }]);
  });

  it('records a report about no message of ours, and refuses mail for other domains', async () => {
    expect(await report(`postmaster@${FBL}`, reportFixture('dsn/gmail-user-unknown', { RCPT: 'x@dest.test', QUEUE_ID: '01KAB2CDEFGHJ', MESSAGE_ID: '<elsewhere@example.org>' }))).toBe('250 2.0.0 Report received');
    expect((await bed.relay.engine.client.call('inbound.list', { kind: 'dsn', limit: 1 })).items[0]).toMatchObject({ outcome: 'unmatched', address: 'x@dest.test' });
    const refused = await report('someone@dest.test', Buffer.from('Subject: relay?\r\n\r\nx\r\n')).catch((error: SmtpFailure) => error.response);
    expect(refused).toBe('550 5.7.1 Relaying denied: this server only receives mail for its bounce domains, not dest.test.');
  });
});

describe('feedback-loop complaints', () => {
  it.each([
    ['arf/yahoo-cfl', 'yahoo-reader@dest.test', 'Yahoo!-Mail-Feedback/2.0'],
    ['arf/microsoft-jmrp', 'outlook-reader@dest.test', 'Hotmail FBL'],
    ['arf/aol-redacted', 'aol-reader@dest.test', 'AOL SComp'],
  ])('%s suppresses the complainer on every stream', async (fixture, address, reportedBy) => {
    const mail = await delivered(address, tokens.news);
    const complained = nextEvent(bed.relay.engine, 'recipient.complained', (event) => event.address === address);
    expect(await report(`fbl@${FBL}`, reportFixture(fixture, { ...mail.values, FBL_DOMAIN: FBL }), 'feedback@arf.example')).toBe('250 2.0.0 Report received');
    expect(await complained).toMatchObject({ messageId: mail.id, feedbackType: 'abuse', reportedBy });
    expect(await suppressionOf(address)).toMatchObject([{ scope: 'global', reason: 'complaint' }]);
    const again = await api<{ recipients: Array<{ state: string }> }>(bed.relay.engine.emailApi!.url!, '/api/send', { token: tokens.shop, body: { from: 'shop@sender.test', to: address, subject: 'x', text: 'x' } });
    expect(again.body.recipients[0]!.state).toBe('suppressed');
  });
});

describe('mailto unsubscribe', () => {
  it('unsubscribes the recipient from the sender domain when mail arrives at the List-Unsubscribe address', async () => {
    const mail = await delivered('mailto-leaver@dest.test', tokens.news);
    const address = /<mailto:([^?>]+)/.exec(mail.raw)?.[1];
    expect(address).toMatch(/^unsubscribe\+[0-9a-z]{29}@bounces\.sender\.test$/);
    await report(address!, Buffer.from('Subject: unsubscribe\r\n\r\n\r\n'), 'mailto-leaver@dest.test');
    expect(await suppressionOf('mailto-leaver@dest.test')).toMatchObject([{ scope: 'domain', scopeValue: 'sender.test', reason: 'unsubscribe' }]);
  });
});
