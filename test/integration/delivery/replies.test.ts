// What each kind of reply from a destination MX does to a recipient: 250 delivers, 4xx
// defers on the documented backoff schedule, 5xx bounces at once (never retried) and
// suppresses the address; every attempt is recorded with where, how and the reply verbatim.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../engine/shared/clock';
import { defaultBackoff } from '../../../engine/queue/backoff';
import { mxRecords, notificationAbout, sendMail, transitionsOf, wakeDelivery, waitForAttempts, waitForStates } from '../../support/delivery-relay';
import { deliveryTestbed } from '../../support/delivery-testbed';

const USER_UNKNOWN = '550 5.1.1 <gone@dest.test>: Recipient address rejected: User unknown in virtual mailbox table';
const BUSY = '450 4.2.1 <busy@dest.test>: Recipient address rejected: Try again later';
const TOO_BIG = '552 5.3.4 Message size exceeds fixed limit';

const clock = new ManualClock(Date.UTC(2026, 0, 5, 12));
const bed = deliveryTestbed({
  mx: [{
    host: '127.0.0.2',
    name: 'mx.dest.test',
    tls: 'starttls',
    rcpt: ({ address, attempt }) => {
      if (address === 'gone@dest.test') return USER_UNKNOWN;
      if (address === 'busy@dest.test' && attempt < 2) return BUSY;
      return undefined;
    },
    data: ({ rcptTo }) => (rcptTo.includes('big@dest.test') ? TOO_BIG : undefined),
  }],
  zone: [
    ...mxRecords('dest.test', [[10, 'mx.dest.test', '127.0.0.2']]),
    { name: 'late.test', type: 'MX', data: { preference: 10, exchange: 'mx.dest.test' } },
  ],
  relay: { clock },
});

const mx = () => bed.mx();
const rcptCount = (address: string) => mx().connections.flatMap((c) => c.transcript).filter((line) => line === `C: RCPT TO:<${address}>`).length;

describe('250', () => {
  it('delivers and records route, MX host and address, TLS, verdict, the reply verbatim and the outbound session', async () => {
    const [id] = await sendMail(bed.relay, { to: ['ok@dest.test'] });
    const detail = await waitForStates(bed.relay, id!);
    expect(detail.recipients.map((r) => [r.address, r.state, r.attempts])).toEqual([['ok@dest.test', 'delivered', 1]]);
    const [transaction] = mx().transactions.filter((t) => t.rcptTo.includes('ok@dest.test'));
    expect(detail.attempts).toEqual([expect.objectContaining({
      route: 'direct', mxHost: 'mx.dest.test', mxAddress: '127.0.0.2', tlsProtocol: expect.stringMatching(/^TLSv1\.[23]$/),
      tlsPolicy: expect.stringMatching(/^opportunistic \(/), phase: 'data-end', verdict: 'delivered', category: 'none',
      reply: (transaction!.reply as string[]).join('\r\n'), at: clock.now(),
    })]);
    const session = await bed.relay.engine.client.call('sessions.get', { id: detail.attempts[0]!.sessionId! });
    expect(session.session).toMatchObject({ direction: 'outbound', remoteAddress: '127.0.0.2', remotePort: bed.fleet.port });
    expect(session.lines.map((l) => l.text)).toEqual(expect.arrayContaining(['STARTTLS', 'RCPT TO:<ok@dest.test>', 'DATA', detail.attempts[0]!.reply]));
    expect(transitionsOf(detail)).toEqual(['message.accepted', 'recipient.delivered']);
  });
});

describe('550 5.1.1', () => {
  it('bounces at once, never retries, and suppresses the address globally', async () => {
    const [id] = await sendMail(bed.relay, { to: ['gone@dest.test'] });
    const detail = await waitForStates(bed.relay, id!);
    expect(detail.recipients[0]).toMatchObject({ state: 'bounced', attempts: 1, lastReply: USER_UNKNOWN, reason: expect.stringMatching(/does not exist.*suppression list/) });
    expect(detail.attempts).toEqual([expect.objectContaining({ phase: 'rcpt', verdict: 'bounced', category: 'recipient', reply: USER_UNKNOWN })]);
    expect(transitionsOf(detail)).toEqual(['message.accepted', 'recipient.bounced']);
    const suppressions = await bed.relay.engine.client.call('suppressions.list', { search: 'gone@dest.test' });
    expect(suppressions.items).toEqual([expect.objectContaining({ scope: 'global', reason: 'hard-bounce', detail: USER_UNKNOWN, sourceMessageId: id })]);
    // The sender hears of it (RFC 3464): the recipient, failed, its status and the reply.
    const report = await notificationAbout(bed.relay, id!);
    expect(report).toContain(`Final-Recipient: rfc822; gone@dest.test\r\nAction: failed\r\nStatus: 5.1.1\r\nRemote-MTA: dns; mx.dest.test\r\nDiagnostic-Code: smtp; ${USER_UNKNOWN}\r\n`);

    // A day later and a wake-up: still one attempt, still one RCPT at the MX.
    clock.advance(86_400_000);
    await wakeDelivery(bed.relay);
    const [probe] = await sendMail(bed.relay, { to: ['ok@dest.test'] });
    await waitForStates(bed.relay, probe!);
    expect((await bed.relay.engine.client.call('message.get', { id: id! })).attempts).toHaveLength(1);
    expect(rcptCount('gone@dest.test')).toBe(1);
  });

  it('records a later message to the suppressed address as suppressed with the reason, never sent', async () => {
    const [id] = await sendMail(bed.relay, { to: ['gone@dest.test', 'ok@dest.test'] });
    const detail = await waitForStates(bed.relay, id!);
    expect(detail.recipients.map((r) => [r.address, r.state])).toEqual([['gone@dest.test', 'suppressed'], ['ok@dest.test', 'delivered']]);
    expect(detail.recipients[0]!.reason).toMatch(/^Suppressed for every stream \(hard-bounce, since .+\); not sent\.$/);
    expect(detail.attempts.map((a) => a.recipientId)).toEqual([detail.recipients[1]!.recipientId]);
    expect(rcptCount('gone@dest.test')).toBe(1);
  });

  it('suppresses a recipient whose address was suppressed after its message was accepted', async () => {
    await bed.relay.engine.client.call('delivery.pause', { kind: 'domain', target: 'late.test' });
    const [id] = await sendMail(bed.relay, { to: ['someone@late.test'] });
    expect((await bed.relay.engine.client.call('message.get', { id: id! })).recipients[0]!.state).toBe('queued');
    await bed.relay.engine.client.call('suppressions.add', { addresses: ['someone@late.test'], scope: 'global', detail: 'complained by phone' });
    await bed.relay.engine.client.call('delivery.resume', { kind: 'domain', target: 'late.test' });
    const detail = await waitForStates(bed.relay, id!);
    expect(detail.recipients[0]).toMatchObject({ state: 'suppressed', reason: expect.stringMatching(/^Suppressed for every stream \(manual, since/) });
    expect(detail.attempts).toEqual([]);
    expect(transitionsOf(detail)).toEqual(['message.accepted', 'recipient.suppressed']);
    expect(rcptCount('someone@late.test')).toBe(0);
  });
});

describe('450 4.2.1', () => {
  it('defers on the backoff schedule (jitter included) and delivers on a later attempt', async () => {
    const [id] = await sendMail(bed.relay, { to: ['busy@dest.test'] });
    const { firstDelayMs, jitter } = defaultBackoff;
    for (let attempt = 1; attempt <= 2; attempt++) {
      const detail = await waitForAttempts(bed.relay, id!, attempt);
      const recipient = detail.recipients[0]!;
      const last = detail.attempts.at(-1)!;
      expect(recipient).toMatchObject({ state: 'deferred', attempts: attempt, lastReply: BUSY });
      expect(last).toMatchObject({ phase: 'rcpt', verdict: 'deferred', reply: BUSY, mxHost: 'mx.dest.test' });
      // retryDelayMs(n): firstDelay * 2^(n-1), spread by ±jitter.
      const base = firstDelayMs * 2 ** (attempt - 1);
      expect(recipient.nextAttemptAt - last.at).toBeGreaterThanOrEqual(Math.floor(base * (1 - jitter)));
      expect(recipient.nextAttemptAt - last.at).toBeLessThanOrEqual(Math.ceil(base * (1 + jitter)));
      expect(recipient.reason).toContain(new Date(recipient.nextAttemptAt).toISOString());
      // Not due a second early: another message goes through that scheduler pass, this one waits.
      clock.set(recipient.nextAttemptAt - 1000);
      await waitForStates(bed.relay, (await sendMail(bed.relay, { to: ['ok@dest.test'] }))[0]!);
      expect((await bed.relay.engine.client.call('message.get', { id: id! })).attempts).toHaveLength(attempt);
      clock.set(recipient.nextAttemptAt);
      await wakeDelivery(bed.relay);
    }
    const detail = await waitForStates(bed.relay, id!);
    expect(detail.recipients[0]).toMatchObject({ state: 'delivered', attempts: 3 });
    expect(transitionsOf(detail)).toEqual(['message.accepted', 'recipient.deferred', 'recipient.deferred', 'recipient.delivered']);
    for (const attempt of detail.attempts) {
      const { lines } = await bed.relay.engine.client.call('sessions.get', { id: attempt.sessionId! });
      expect(lines.map((l) => l.text)).toContain(attempt.reply);
    }
    expect(rcptCount('busy@dest.test')).toBe(3);
  });
});

describe('552 5.3.4 at the end of DATA', () => {
  it('bounces the message as content without suppressing the address', async () => {
    const [id] = await sendMail(bed.relay, { to: ['big@dest.test'] });
    const detail = await waitForStates(bed.relay, id!);
    expect(detail.recipients[0]).toMatchObject({ state: 'bounced', lastReply: TOO_BIG });
    expect(detail.attempts).toEqual([expect.objectContaining({ phase: 'data-end', verdict: 'bounced', category: 'content', reply: TOO_BIG })]);
    expect((await bed.relay.engine.client.call('suppressions.list', { search: 'big@dest.test' })).items).toEqual([]);
  });
});
