// Outbound source address per stream: transactional and bulk mail to the same destination
// leave from their own addresses, each on its own connections, and every attempt records
// the address it left from.
import { describe, expect, it } from 'vitest';
import { mxRecords, sendMail, waitForStates } from '../../support/delivery-relay';
import { deliveryTestbed } from '../../support/delivery-testbed';
import { submit, simpleMessage } from '../../support/submit';

const SOURCES = { transactional: '127.0.0.1', bulk: '127.0.0.9' } as const;

const bed = deliveryTestbed({
  mx: [{ host: '127.0.0.2', name: 'mx.dest.test' }],
  zone: mxRecords('dest.test', [[10, 'mx.dest.test', '127.0.0.2']]),
  relay: { delivery: { sourceAddresses: SOURCES } },
});

describe('sourceAddresses', () => {
  it('sends each stream from its own address, even to the same destination at the same time', async () => {
    const bulk = await bed.relay.engine.client.call('credentials.add', { name: 'newsletter', stream: 'bulk' });
    // Both queued first and released together, so they are in flight to the destination at once.
    await bed.relay.engine.client.call('delivery.pause', { kind: 'domain', target: 'dest.test' });
    const sends = [
      ...Array.from({ length: 3 }, (_, i) => submit({
        port: bed.relay.port('submission'), localAddress: '127.0.0.1', auth: { user: bulk.username, pass: bulk.secret },
        from: 'news@sender.test', to: [`bulk${i}@dest.test`], message: simpleMessage({ from: 'news@sender.test' }),
      }).then((r) => r.queueId)),
      ...Array.from({ length: 3 }, (_, i) => sendMail(bed.relay, { to: [`tx${i}@dest.test`] }).then(([id]) => id!)),
    ];
    const ids = await Promise.all(sends);
    await bed.relay.engine.client.call('delivery.resume', { kind: 'domain', target: 'dest.test' });
    const details = await Promise.all(ids.map((id) => waitForStates(bed.relay, id, ['delivered'])));

    for (const detail of details) {
      expect(detail.attempts[0]!.localAddress).toBe(SOURCES[detail.stream]);
    }
    const byConnection = new Map(bed.mx().connections.map((c) => [c.id, c.remoteAddress]));
    for (const transaction of bed.mx().transactions) {
      const stream = transaction.rcptTo[0]!.startsWith('bulk') ? 'bulk' : 'transactional';
      expect(byConnection.get(transaction.connectionId), transaction.rcptTo[0]).toBe(SOURCES[stream]);
    }
    expect(bed.mx().transactions).toHaveLength(6);
  });
});
