// Failures around the transaction rather than of one address: 421 and 4.7.x rate limits
// (deferred, and the destination slowed), a greeting slower than the timeout (next MX), a
// connection dropped in DATA (retried, delivered once), and STARTTLS missing where a
// domain's policy requires it (deferred, never sent in clear) or not (sent).
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../engine/shared/clock';
import { mxRecords, sendMail, wakeDelivery, waitForAttempts, waitForStates } from '../../support/delivery-relay';
import { deliveryTestbed } from '../../support/delivery-testbed';

const SHUTTING_DOWN = '421 4.3.2 Service shutting down and closing transmission channel';
const RATE_LIMITED = '451 4.7.1 Rate limit exceeded for this sender, please slow down';

const clock = new ManualClock(Date.UTC(2026, 0, 5, 12));
let hasDropped = false;
const bed = deliveryTestbed({
  mx: [
    { host: '127.0.0.2', name: 'mx.main.test', rcpt: ({ address, attempt }) => (address === 'a@limited.test' && attempt === 0 ? RATE_LIMITED : undefined) },
    // Its own host: the rate limit above pauses every domain of mx.main.test for a minute.
    { host: '127.0.0.7', name: 'mx.drop.test',
      data: ({ rcptTo }) => {
        if (!rcptTo.includes('x@drop.test') || hasDropped) return undefined;
        hasDropped = true;
        return 'drop';
      } },
    { host: '127.0.0.3', name: 'mx.shut.test', greeting: ({ attempt }) => (attempt === 0 ? SHUTTING_DOWN : undefined) },
    { host: '127.0.0.4', name: 'mx1.slow.test', greetingDelayMs: 10_000 },
    { host: '127.0.0.5', name: 'mx2.slow.test' },
    { host: '127.0.0.6', name: 'mx.plain.test' },
  ],
  zone: [
    ...mxRecords('limited.test', [[10, 'mx.main.test', '127.0.0.2']]),
    ...mxRecords('drop.test', [[10, 'mx.drop.test', '127.0.0.7']]),
    ...mxRecords('shut.test', [[10, 'mx.shut.test', '127.0.0.3']]),
    ...mxRecords('slow.test', [[10, 'mx1.slow.test', '127.0.0.4'], [20, 'mx2.slow.test', '127.0.0.5']]),
    ...mxRecords('secure.test', [[10, 'mx.plain.test', '127.0.0.6']]),
    { name: 'plain.test', type: 'MX', data: { preference: 10, exchange: 'mx.plain.test' } },
  ],
  relay: { clock, delivery: { tlsRequiredDomains: ['secure.test'], timeouts: { greetingMs: 3000 } } },
  prepare: async ({ relay }) => {
    await relay.engine.client.call('throttles.setRule', {
      scope: 'domain', match: 'shut.test', label: 'shut.test', maxConnections: 4, messagesPerConnection: null, messagesPerMinute: 600, messagesPerHour: null,
    });
  },
});

async function throttleOf(key: string) {
  const { effective } = await bed.relay.engine.client.call('throttles.list', {});
  return effective.find((t) => t.key === key);
}

async function transcriptOf(sessionId: string | null): Promise<string[]> {
  const { lines } = await bed.relay.engine.client.call('sessions.get', { id: sessionId! });
  return lines.map((line) => line.text);
}

describe('421 at the greeting', () => {
  it('defers, halves the destination\'s limits and pauses it, with the reply as the reason', async () => {
    const [id] = await sendMail(bed.relay, { to: ['a@shut.test'] });
    const detail = await waitForAttempts(bed.relay, id!, 1);
    expect(detail.recipients[0]).toMatchObject({ state: 'deferred', lastReply: SHUTTING_DOWN });
    expect(detail.attempts[0]).toMatchObject({ phase: 'greeting', verdict: 'deferred', reply: SHUTTING_DOWN, mxHost: 'mx.shut.test', mxAddress: '127.0.0.3' });
    expect((await transcriptOf(detail.attempts[0]!.sessionId)).at(-2)).toBe(SHUTTING_DOWN);
    const throttle = await throttleOf('domain:shut.test');
    expect(throttle).toMatchObject({
      configured: { maxConnections: 4, messagesPerMinute: 600 },
      effective: { maxConnections: 2, messagesPerMinute: 300 },
      factor: 0.5,
      pausedUntil: clock.now() + 60_000,
      reason: expect.stringContaining(SHUTTING_DOWN),
    });

    clock.set(detail.recipients[0]!.nextAttemptAt);
    await wakeDelivery(bed.relay);
    expect((await waitForStates(bed.relay, id!)).recipients[0]!.state).toBe('delivered');
  });
});

describe('451 4.7.1 rate limit', () => {
  it('defers with the rate-limit category and slows the destination', async () => {
    const [id] = await sendMail(bed.relay, { to: ['a@limited.test'] });
    const detail = await waitForAttempts(bed.relay, id!, 1);
    expect(detail.attempts[0]).toMatchObject({ phase: 'rcpt', verdict: 'deferred', category: 'rate-limit', reply: RATE_LIMITED });
    const throttle = await bed.relay.engine.client.call('throttles.list', {});
    // limited.test has no rule of its own: its MX host is the destination that was slowed.
    expect(throttle.effective).toContainEqual(expect.objectContaining({
      key: 'mx:mx.main.test', factor: 0.5, pausedUntil: clock.now() + 60_000, reason: expect.stringContaining(RATE_LIMITED),
    }));
  });
});

describe('a greeting slower than delivery.timeouts.greetingMs', () => {
  it('gives up on that host and delivers through the next MX', async () => {
    const [id] = await sendMail(bed.relay, { to: ['a@slow.test'] });
    const detail = await waitForStates(bed.relay, id!);
    expect(detail.recipients[0]!.state).toBe('delivered');
    expect(detail.attempts).toEqual([expect.objectContaining({ mxHost: 'mx2.slow.test', mxAddress: '127.0.0.5', verdict: 'delivered' })]);
    expect(bed.fleet.at('127.0.0.4').connections.length).toBeGreaterThanOrEqual(1);
    expect(bed.fleet.at('127.0.0.4').transactions).toEqual([]);
    const sessions = await bed.relay.engine.client.call('sessions.list', { direction: 'outbound', remoteAddress: '127.0.0.4' });
    expect(sessions.items.map((s) => s.outcome)).not.toContain(null);
  });
});

describe('the connection dropped in the middle of DATA', () => {
  it('defers, retries later and delivers exactly once', async () => {
    const [id] = await sendMail(bed.relay, { to: ['x@drop.test'] });
    const first = await waitForAttempts(bed.relay, id!, 1);
    expect(first.recipients[0]!.state).toBe('deferred');
    expect(first.attempts[0]).toMatchObject({ verdict: 'deferred', category: 'network', mxHost: 'mx.drop.test' });
    clock.set(first.recipients[0]!.nextAttemptAt);
    await wakeDelivery(bed.relay);
    const detail = await waitForStates(bed.relay, id!);
    expect(detail.recipients[0]).toMatchObject({ state: 'delivered', attempts: 2 });
    const toDrop = bed.fleet.at('127.0.0.7').transactions.filter((t) => t.rcptTo.includes('x@drop.test'));
    expect(toDrop.map((t) => t.isAccepted)).toEqual([false, true]);
  });
});

describe('no STARTTLS offered', () => {
  it('defers mail for a TLS-required domain with a tls category and never sends it in clear', async () => {
    const [id] = await sendMail(bed.relay, { to: ['a@secure.test'] });
    const detail = await waitForAttempts(bed.relay, id!, 1);
    expect(detail.recipients[0]!.state).toBe('deferred');
    expect(detail.attempts[0]).toMatchObject({ verdict: 'deferred', category: 'tls', tlsPolicy: 'required (domain policy)', mxAddress: '127.0.0.6' });
    expect(await transcriptOf(detail.attempts[0]!.sessionId)).toContain('STARTTLS');
    const mx = bed.fleet.at('127.0.0.6');
    expect(mx.connections.flatMap((c) => c.transcript).filter((line) => /^C: (MAIL|RCPT|DATA)/.test(line))).toEqual([]);
  });

  it('sends in clear to a domain without that policy (opportunistic TLS)', async () => {
    const [id] = await sendMail(bed.relay, { to: ['a@plain.test'] });
    const detail = await waitForStates(bed.relay, id!);
    expect(detail.recipients[0]!.state).toBe('delivered');
    expect(detail.attempts[0]).toMatchObject({ tlsProtocol: null, tlsPolicy: expect.stringMatching(/^opportunistic \(.*no MTA-STS policy/), mxHost: 'mx.plain.test' });
    expect(bed.fleet.at('127.0.0.6').transactions.map((t) => t.rcptTo)).toEqual([['a@plain.test']]);
  });
});
