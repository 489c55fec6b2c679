// Route selection at acceptance: by stream, by sender domain, and a percentage split between
// two routes, decided once per message and visible on it (message.get route, attempt route).
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mxRecords, sendMail, sendMany, waitForStates } from '../../support/delivery-relay';
import { deliveryTestbed } from '../../support/delivery-testbed';
import { submit, simpleMessage } from '../../support/submit';
import { DATABASE_FILE } from '../../support/store-file';

const SPLIT_MESSAGES = 1000;
const SPLIT_PERCENT = 30;

const bed = deliveryTestbed({
  mx: [{ host: '127.0.0.2', name: 'mx.dest.test' }, { host: '127.0.0.3', name: 'smtp.provider.test' }],
  zone: mxRecords('dest.test', [[10, 'mx.dest.test', '127.0.0.2']]),
  prepare: async ({ relay, fleet }) => {
    await relay.engine.client.call('routes.save', { name: 'provider', smarthost: { host: '127.0.0.3', port: fleet.port, tls: 'none' } });
  },
});

const rules = (extra: object) => ({ defaultRoute: 'direct', byStream: {}, bySenderDomain: {}, split: null, ...extra });

describe('routing by stream and sender domain', () => {
  it('sends bulk through the provider and transactional mail direct', async () => {
    await bed.relay.engine.client.call('routing.set', rules({ byStream: { bulk: 'provider' } }));
    const bulk = await bed.relay.engine.client.call('credentials.add', { name: 'newsletter', stream: 'bulk' });
    const { queueId } = await submit({
      port: bed.relay.port('submission'), localAddress: '127.0.0.1', auth: { user: bulk.username, pass: bulk.secret },
      from: 'news@sender.test', to: ['reader@dest.test'], message: simpleMessage({ from: 'news@sender.test' }),
    });
    const [transactional] = await sendMail(bed.relay, { to: ['customer@dest.test'] });
    const [bulkDetail, transactionalDetail] = await Promise.all([waitForStates(bed.relay, queueId), waitForStates(bed.relay, transactional!)]);
    expect(bulkDetail).toMatchObject({ stream: 'bulk', route: 'provider', recipients: [expect.objectContaining({ state: 'delivered' })] });
    expect(bulkDetail.attempts[0]).toMatchObject({ route: 'provider', mxAddress: '127.0.0.3' });
    expect(transactionalDetail).toMatchObject({ stream: 'transactional', route: 'direct' });
    expect(transactionalDetail.attempts[0]).toMatchObject({ route: 'direct', mxHost: 'mx.dest.test' });
    expect(bed.mx('127.0.0.3').transactions.flatMap((t) => t.rcptTo)).toEqual(['reader@dest.test']);
    expect(bed.mx('127.0.0.2').transactions.flatMap((t) => t.rcptTo)).toEqual(['customer@dest.test']);
  });

  it('lets a sender domain rule win over the stream rule', async () => {
    await bed.relay.engine.client.call('routing.set', rules({ byStream: { transactional: 'direct' }, bySenderDomain: { 'migrating.test': 'provider' } }));
    const [moved, stays] = await sendMail(bed.relay, [
      { from: 'app@migrating.test', to: ['a@dest.test'] },
      { from: 'app@sender.test', to: ['b@dest.test'] },
    ]);
    expect((await waitForStates(bed.relay, moved!)).attempts[0]!.route).toBe('provider');
    expect((await waitForStates(bed.relay, stays!)).attempts[0]!.route).toBe('direct');
  });
});

describe('a percentage split', () => {
  it(`moves about ${SPLIT_PERCENT}% of ${SPLIT_MESSAGES} messages to the other route, each message showing its route`, async () => {
    await bed.relay.engine.client.call('routing.set', rules({ split: { from: 'direct', to: 'provider', percent: SPLIT_PERCENT } }));
    // The route is chosen at acceptance; holding delivery keeps this test about the choice.
    await bed.relay.engine.client.call('delivery.pause', { kind: 'stream', target: 'transactional' });
    const ids = await sendMany(bed.relay, Array.from({ length: SPLIT_MESSAGES }, (_, i) => ({ to: [`r${i}@split.test`] })));
    const db = new Database(join(bed.relay.dataDir, DATABASE_FILE), { readonly: true });
    let counts: Record<string, number>;
    try {
      const rows = db.prepare(`SELECT route, COUNT(*) AS n FROM messages WHERE id IN (SELECT value FROM json_each(?)) GROUP BY route`)
        .all(JSON.stringify(ids)) as Array<{ route: string; n: number }>;
      counts = Object.fromEntries(rows.map((row) => [row.route, row.n]));
    } finally {
      db.close();
    }
    expect(Object.keys(counts).sort()).toEqual(['direct', 'provider']);
    expect(counts.direct! + counts.provider!).toBe(SPLIT_MESSAGES);
    // Binomial(n=1000, p=0.3): mean 300, sigma = sqrt(n p (1-p)) = 14.5; five sigma either side
    // fails a correct split about once in 1.7 million runs.
    const mean = SPLIT_MESSAGES * SPLIT_PERCENT / 100;
    const sigma = Math.sqrt(mean * (1 - SPLIT_PERCENT / 100));
    expect(Math.abs(counts.provider! - mean)).toBeLessThanOrEqual(5 * sigma);
    // Each message carries its own decision.
    for (const id of [ids[0]!, ids[ids.length - 1]!]) {
      expect(['direct', 'provider']).toContain((await bed.relay.engine.client.call('message.get', { id })).route);
    }
  });
});
