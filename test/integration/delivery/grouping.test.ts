// Grouping: recipients of one message at one domain share a transaction, up to the peer's
// LIMITS RCPTMAX (RFC 9422); a connection carries several messages (RSET between them) up
// to the destination's messagesPerConnection, then a fresh one is opened.
import { describe, expect, it } from 'vitest';
import { mxRecords, sendMail, waitForStates } from '../../support/delivery-relay';
import { deliveryTestbed } from '../../support/delivery-testbed';

const bed = deliveryTestbed({
  mx: [
    // First, so it is reached without a forwarder: its connection count is the relay's own.
    { host: '127.0.0.4', name: 'mx.reuse.test' },
    { host: '127.0.0.2', name: 'mx.limits.test', ehloKeywords: ['LIMITS RCPTMAX=2'] },
    { host: '127.0.0.3', name: 'mx.plain.test' },
  ],
  zone: [
    ...mxRecords('limits.test', [[10, 'mx.limits.test', '127.0.0.2']]),
    ...mxRecords('plain.test', [[10, 'mx.plain.test', '127.0.0.3']]),
    ...mxRecords('reuse.test', [[10, 'mx.reuse.test', '127.0.0.4']]),
  ],
  prepare: async ({ relay }) => {
    await relay.engine.client.call('throttles.setRule', {
      scope: 'domain', match: 'reuse.test', label: 'reuse', maxConnections: 1, messagesPerConnection: 3, messagesPerMinute: null, messagesPerHour: null,
    });
  },
});

const recipients = (domain: string, count: number) => Array.from({ length: count }, (_, i) => `r${i}@${domain}`);

describe('recipients per transaction', () => {
  it('splits at the RCPTMAX the peer advertises, on one connection', async () => {
    const [id] = await sendMail(bed.relay, { to: recipients('limits.test', 5) });
    const detail = await waitForStates(bed.relay, id!);
    expect(detail.recipients.every((r) => r.state === 'delivered')).toBe(true);
    const mx = bed.fleet.at('127.0.0.2');
    expect(mx.transactions.map((t) => t.rcptTo)).toEqual([['r0@limits.test', 'r1@limits.test'], ['r2@limits.test', 'r3@limits.test'], ['r4@limits.test']]);
    expect(new Set(mx.transactions.map((t) => t.connectionId)).size).toBe(1);
    expect(mx.connections[0]!.transcript.filter((line) => line === 'C: RSET')).toHaveLength(2);
    expect(detail.attempts).toHaveLength(5);
  });

  it('sends every recipient in one transaction when the peer sets no limit', async () => {
    const [id] = await sendMail(bed.relay, { to: recipients('plain.test', 5) });
    await waitForStates(bed.relay, id!, ['delivered']);
    expect(bed.fleet.at('127.0.0.3').transactions.map((t) => t.rcptTo.length)).toEqual([5]);
  });
});

describe('connection reuse', () => {
  it('sends up to messagesPerConnection messages per connection with RSET between them', async () => {
    await bed.relay.engine.client.call('delivery.pause', { kind: 'domain', target: 'reuse.test' });
    const ids = await sendMail(bed.relay, Array.from({ length: 7 }, (_, i) => ({ to: [`m${i}@reuse.test`] })));
    await bed.relay.engine.client.call('delivery.resume', { kind: 'domain', target: 'reuse.test' });
    for (const id of ids) await waitForStates(bed.relay, id, ['delivered']);
    const mx = bed.fleet.at('127.0.0.4');
    const perConnection = mx.connections.map((c) => mx.transactions.filter((t) => t.connectionId === c.id).length);
    expect(perConnection).toEqual([3, 3, 1]);
    expect(mx.connections.map((c) => c.transcript.filter((line) => line === 'C: RSET').length)).toEqual([2, 2, 0]);
    expect(mx.maxConcurrentConnections).toBe(1);
  });
});
