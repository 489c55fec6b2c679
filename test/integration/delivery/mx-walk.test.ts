// Finding the way to a domain: MX preference order, the next host after a connect failure
// or a 5xx greeting, random order among equal preferences, implicit MX, null MX, NXDOMAIN
// versus SERVFAIL, private addresses refused by default, one pool per shared MX host.
import { describe, expect, it } from 'vitest';
import { mxRecords, sendMail, startDeliveryRelay, waitForAttempts, waitForStates } from '../../support/delivery-relay';
import { deliveryTestbed } from '../../support/delivery-testbed';

const NO_SERVICE = '554 5.7.1 mx.refuse.test No SMTP service here';

const bed = deliveryTestbed({
  mx: [
    { host: '127.0.0.2', name: 'mx-a.order.test' },
    { host: '127.0.0.3', name: 'mx-b.order.test' },
    { host: '127.0.0.4', name: 'mx.refuse.test', greeting: NO_SERVICE },
    { host: '127.0.0.5', name: 'mx1.equal.test' },
    { host: '127.0.0.6', name: 'mx2.equal.test' },
    { host: '127.0.0.7', name: 'mx.shared.test' },
    { host: '127.0.0.8', name: 'implicit.test' },
  ],
  zone: [
    // Listed worst first: the order in the answer must not matter.
    ...mxRecords('order.test', [[20, 'mx-b.order.test', '127.0.0.3'], [10, 'mx-a.order.test', '127.0.0.2']]),
    ...mxRecords('down.test', [[10, 'mx.down.test', '127.0.0.9'], [20, 'mx-b.order.test', '127.0.0.3']]),
    ...mxRecords('refuse.test', [[10, 'mx.refuse.test', '127.0.0.4'], [20, 'mx-b.order.test', '127.0.0.3']]),
    ...mxRecords('equal.test', [[10, 'mx1.equal.test', '127.0.0.5'], [10, 'mx2.equal.test', '127.0.0.6']]),
    ...mxRecords('one.shared.test', [[10, 'mx.shared.test', '127.0.0.7']]),
    { name: 'two.shared.test', type: 'MX', data: { preference: 10, exchange: 'mx.shared.test' } },
    { name: 'implicit.test', type: 'A', data: '127.0.0.8' },
    { name: 'nullmx.test', type: 'MX', data: { preference: 0, exchange: '.' } },
    { name: 'servfail.test', type: 'A', data: '127.0.0.8' },
  ],
  prepare: async ({ dns, relay }) => {
    dns.setRcode('servfail.test', 'SERVFAIL');
    // One connection at a time everywhere, and a fresh one per message to equal.test, so the
    // shared-pool and random-order checks see every connection decision.
    const rule = { label: '', messagesPerConnection: null, messagesPerMinute: null, messagesPerHour: null, maxConnections: 1 };
    await relay.engine.client.call('throttles.setRule', { ...rule, scope: 'default', match: '' });
    await relay.engine.client.call('throttles.setRule', { ...rule, scope: 'domain', match: 'equal.test', messagesPerConnection: 1 });
  },
});

async function deliveredVia(to: string): Promise<string | null> {
  const [id] = await sendMail(bed.relay, { to: [to] });
  const detail = await waitForStates(bed.relay, id!);
  expect(detail.recipients[0]!.state).toBe('delivered');
  return detail.attempts.at(-1)!.mxHost;
}

describe('MX order and fallback', () => {
  it('tries the lowest preference first', async () => {
    expect(await deliveredVia('a@order.test')).toBe('mx-a.order.test');
    expect(bed.fleet.at('127.0.0.3').transactions).toEqual([]);
  });

  it('moves to the next host when the first refuses the connection', async () => {
    expect(await deliveredVia('a@down.test')).toBe('mx-b.order.test');
  });

  it('moves to the next host after a 5xx greeting, without bouncing', async () => {
    expect(await deliveredVia('a@refuse.test')).toBe('mx-b.order.test');
    expect(bed.fleet.at('127.0.0.4').connections.length).toBeGreaterThanOrEqual(1);
  });

  it('spreads connections over hosts of equal preference in random order', async () => {
    // 20 connections all landing on one of two hosts by chance: p = 2 * 2^-20.
    const messages = Array.from({ length: 20 }, (_, i) => ({ to: [`r${i}@equal.test`] }));
    const ids = await sendMail(bed.relay, messages);
    for (const id of ids) await waitForStates(bed.relay, id);
    const counts = ['127.0.0.5', '127.0.0.6'].map((host) => bed.fleet.at(host).transactions.length);
    expect(counts[0]! + counts[1]!).toBe(20);
    expect(Math.min(...counts)).toBeGreaterThan(0);
  });

  it('uses the domain itself when it has an address but no MX (implicit MX)', async () => {
    expect(await deliveredVia('a@implicit.test')).toBe('implicit.test');
  });
});

describe('domains without a way in', () => {
  it('bounces a null MX domain (RFC 7505) with a dns category, never connecting', async () => {
    const [id] = await sendMail(bed.relay, { to: ['a@nullmx.test'] });
    const detail = await waitForStates(bed.relay, id!);
    expect(detail.recipients[0]!.state).toBe('bounced');
    expect(detail.attempts).toEqual([expect.objectContaining({ phase: 'dns', verdict: 'bounced', category: 'dns', ruleId: 'dns-null-mx' })]);
  });

  it('bounces a domain that does not exist (NXDOMAIN)', async () => {
    const [id] = await sendMail(bed.relay, { to: ['a@nowhere.test'] });
    const detail = await waitForStates(bed.relay, id!);
    expect(detail.recipients[0]!.state).toBe('bounced');
    expect(detail.attempts[0]).toMatchObject({ phase: 'dns', category: 'dns', ruleId: 'dns-nxdomain' });
  });

  it('defers when DNS fails temporarily (SERVFAIL)', async () => {
    const [id] = await sendMail(bed.relay, { to: ['a@servfail.test'] });
    const detail = await waitForAttempts(bed.relay, id!, 1);
    expect(detail.recipients[0]!.state).toBe('deferred');
    expect(detail.attempts[0]).toMatchObject({ phase: 'dns', verdict: 'deferred', category: 'dns', ruleId: 'dns-temporary' });
  });
});

describe('one pool per MX host', () => {
  it('carries two domains that share an MX host over one connection', async () => {
    const [id] = await sendMail(bed.relay, { to: ['a@one.shared.test', 'b@two.shared.test'] });
    await waitForStates(bed.relay, id!);
    const mx = bed.fleet.at('127.0.0.7');
    expect(mx.transactions.map((t) => t.rcptTo)).toEqual(expect.arrayContaining([['a@one.shared.test'], ['b@two.shared.test']]));
    expect(new Set(mx.transactions.map((t) => t.connectionId)).size).toBe(1);
    expect(mx.connections[0]!.transcript).toContain('C: RSET');
  });
});

describe('private destinations', () => {
  it('refuses MX hosts on loopback or private addresses unless allowNonPublicDestinations is set', async () => {
    const strict = await startDeliveryRelay({ dns: bed.dns, mxPort: bed.fleet.port, delivery: { allowNonPublicDestinations: false } });
    try {
      const before = bed.fleet.at('127.0.0.2').connections.length;
      const [id] = await sendMail(strict, { to: ['b@order.test'] });
      const detail = await waitForAttempts(strict, id!, 1);
      expect(detail.recipients[0]!.state).toBe('deferred');
      expect(detail.attempts[0]!.reply).toMatch(/private or loopback.*allowNonPublicDestinations/);
      expect(bed.fleet.at('127.0.0.2').connections.length).toBe(before);
    } finally {
      await strict.stop();
    }
  });
});
