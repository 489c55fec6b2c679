// Streams: transactional mail is never stuck behind bulk. A transactional message submitted
// behind 10,000 queued bulk messages to the same destination is delivered while nearly all
// of the bulk backlog is still waiting.
import { describe, expect, it } from 'vitest';
import { mxRecords, waitForStates } from '../../support/delivery-relay';
import { deliveryTestbed } from '../../support/delivery-testbed';
import { pipelinedSubmit } from '../../support/pipelined-submit';
import { submit, simpleMessage } from '../../support/submit';

const BULK_MESSAGES = 10_000;
// Small, so the backlog drains slowly and "delivered first" cannot be luck.
const BULK_IN_FLIGHT = 20;

const bed = deliveryTestbed({
  mx: [{ host: '127.0.0.2', name: 'mx.dest.test' }],
  zone: mxRecords('dest.test', [[10, 'mx.dest.test', '127.0.0.2']]),
  relay: {
    // Trusted-network clients submit bulk here; the application submits transactional mail with its credential.
    config: { messages: { trustedStream: 'bulk' } },
    delivery: { maxInFlight: { transactional: 100, bulk: BULK_IN_FLIGHT } },
  },
});

describe('a transactional message behind a bulk backlog', () => {
  it(`is delivered while the ${BULK_MESSAGES} bulk messages queued before it are still waiting`, async () => {
    // The backlog is queued first (bulk held), then released together with the transactional message.
    await bed.relay.engine.client.call('delivery.pause', { kind: 'stream', target: 'bulk' });
    const bulkIds = await pipelinedSubmit(bed.relay.port('submission'), {
      count: BULK_MESSAGES, connections: 8,
      message: (i) => ({ from: 'news@sender.test', to: [`reader${i}@dest.test`], content: `Subject: bulk ${i}\r\n\r\nNews.\r\n` }),
    });
    expect(new Set(bulkIds).size).toBe(BULK_MESSAGES);
    expect(bed.relay.engine.status().queue.bulk.queued).toBe(BULK_MESSAGES);

    const app = await bed.relay.engine.client.call('credentials.add', { name: 'shop', stream: 'transactional' });
    await bed.relay.engine.client.call('delivery.resume', { kind: 'stream', target: 'bulk' });
    await bed.mx().waitFor((m) => m.transactions.length > 0, 30_000); // bulk is flowing before the receipt is submitted
    const { queueId } = await submit({
      port: bed.relay.port('submission'), localAddress: '127.0.0.1', auth: { user: app.username, pass: app.secret },
      from: 'shop@sender.test', to: ['buyer@dest.test'], message: simpleMessage({ from: 'shop@sender.test', subject: 'Your receipt' }),
    });
    const receipt = await waitForStates(bed.relay, queueId, ['delivered'], 30_000);
    const bulkDelivered = bed.mx().transactions.filter((t) => t.rcptTo[0]!.startsWith('reader')).length;
    const bulkLeft = (await bed.relay.engine.client.call('engine.status', {})).queue.bulk;

    expect(receipt.stream).toBe('transactional');
    expect(bed.mx().transactions.filter((t) => t.rcptTo.includes('buyer@dest.test'))).toHaveLength(1);
    // Anything short of most of the backlog still queued would mean the receipt waited in line.
    expect(bulkDelivered).toBeLessThan(BULK_MESSAGES / 2);
    expect(bulkLeft.queued + bulkLeft.sending).toBeGreaterThan(BULK_MESSAGES / 2);
    console.info(`streams: receipt delivered with ${bulkDelivered} of ${BULK_MESSAGES} bulk messages delivered`);
  }, 180_000);
});
