// Rollups maintained from stored events in a store of their own: counts, rates and
// delivery-time percentiles; a rebuild gives the same answer; a batch that fails is
// counted once, when it is retried.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../engine/store/index';
import { EventFeed, type FeedConsumer } from '../../../engine/events/index';
import { RollupConsumer } from '../../../engine/analytics/rollups';
import { AnalyticsService } from '../../../engine/analytics/index';
import type { AnalyticsQuery } from '../../../engine/api/contract';

const DAY = 86_400_000;
const D = Date.UTC(2026, 2, 2);
const GMAIL_MX = { mxHost: 'gmail-smtp-in.l.google.com', route: 'direct' };
let store: Store;
let feeds: EventFeed[];

beforeEach(() => {
  store = openStore({ path: ':memory:' });
  feeds = [];
});
afterEach(async () => {
  feeds.forEach((feed) => feed.stop());
  await store.close();
});

function feedOf(consumer: FeedConsumer, log?: (message: string) => void): EventFeed {
  const feed = new EventFeed(store, consumer, log);
  feeds.push(feed);
  return feed;
}

/** A message to one recipient, accepted at `at`, with the events that followed. */
function message(i: number, at: number, domain: string, outcomes: Array<[type: string, delayMs: number, data?: Record<string, unknown>]>): void {
  const id = `M${i}`;
  store.messages.insert({ id, receivedAt: at, source: 'smtp', sessionId: null, credentialId: null, stream: 'transactional', mailFrom: 'app@shop.test',
    senderDomain: 'shop.test', headerFrom: null, subject: null, messageIdHeader: null, raw: Buffer.from('x'), recipientCount: 1, route: 'direct' });
  store.recipients.insertForMessage(id, 'transactional', [{ address: `r${i}@${domain}`, domain, state: 'queued', reason: null, dsnNotify: null, dsnOrcpt: null }], at, at + DAY);
  const recipientId = (store.db.prepare('SELECT id FROM recipients WHERE message_id = ?').get(id) as { id: number }).id;
  store.events.append({ at, type: 'message.accepted', messageId: id, recipientId: null, data: {} });
  for (const [type, delayMs, data] of outcomes) store.events.append({ at: at + delayMs, type, messageId: id, recipientId, data: data ?? {} });
}

function seed(): void {
  store.db.transaction(() => {
    // 100 deliveries to Gmail taking 1 s, 2 s, ... 100 s.
    for (let i = 0; i < 100; i++) message(i, D + i * 60_000, 'gmail.com', [['recipient.delivered', (i + 1) * 1000, GMAIL_MX]]);
    message(100, D + 3_600_000, 'gmail.com', [['recipient.deferred', 1000, GMAIL_MX], ['recipient.bounced', 5000, GMAIL_MX]]);
    message(101, D + 3_600_000, 'example.test', [['recipient.delivered', 500, { mxHost: 'mx.example.test', route: 'direct' }],
      ['recipient.opened', 60_000, { isAutomated: true }], ['recipient.opened', 120_000, { isAutomated: false }], ['recipient.complained', 180_000]]);
  })();
}

const QUERY: AnalyticsQuery = { granularity: 'day', from: D - DAY, to: D + DAY, groupBy: ['provider'] };

async function report(service: AnalyticsService) {
  const { rows, totals } = await service.query(QUERY);
  return { rows: rows.map(({ provider, accepted, delivered, deferred, bounced, opens, complaints }) => ({ provider, accepted, delivered, deferred, bounced, opens, complaints })), totals };
}

describe('rollups', () => {
  it('count every event once, with rates and delivery-time percentiles', async () => {
    seed();
    const service = new AnalyticsService(store, feedOf(new RollupConsumer(store.db)));
    const { rows, totals } = await report(service);
    expect(rows).toEqual([
      { provider: 'gmail', accepted: 101, delivered: 100, deferred: 1, bounced: 1, opens: 0, complaints: 0 },
      { provider: 'other', accepted: 1, delivered: 1, deferred: 0, bounced: 0, opens: 1, complaints: 1 },
    ]);
    expect(totals).toMatchObject({ accepted: 102, delivered: 101, deliveryRate: 0.9902, bounceRate: 0.0098, complaintRate: 0.0099 });
    const gmail = (await service.query(QUERY)).rows[0]!.timeToDeliver!;
    for (const [value, exact] of [[gmail.p50Ms, 50_000], [gmail.p90Ms, 90_000], [gmail.p99Ms, 99_000]] as const) {
      expect(Math.abs(value - exact) / exact).toBeLessThanOrEqual(0.05);
    }
    const hourly = await service.query({ ...QUERY, granularity: 'hour', groupBy: [] });
    expect(hourly.rows.map((row) => [row.bucketAt, row.accepted])).toEqual([[D, 60], [D + 3_600_000, 42]]);
  });

  it('give the same answer after a rebuild, which keeps the rollups of days whose events are gone', async () => {
    seed();
    store.events.append({ at: D - 3_600_000, type: 'message.accepted', messageId: 'M0', recipientId: null, data: {} });
    const service = new AnalyticsService(store, feedOf(new RollupConsumer(store.db)));
    const before = await report(service);
    const previousDay = await service.query({ ...QUERY, to: D });
    expect(previousDay.totals.accepted).toBe(1);
    expect(await service.rebuild()).toEqual({ from: D, events: 208 });
    expect(await report(service)).toEqual(before);
    expect((await service.query({ ...QUERY, to: D })).totals.accepted).toBe(1);
  });

  it('count a batch that failed, when it is retried', async () => {
    seed();
    const rollups = new RollupConsumer(store.db);
    // The writer retries a failed batch alone once; failing that too, the feed tries again later.
    let failures = 2;
    const flaky: FeedConsumer = {
      name: rollups.name,
      consume(db, events) {
        rollups.consume(db, events);
        // After the counts were written: the whole transaction, cursor included, rolls back.
        if (failures-- > 0) throw new Error('disk hiccup');
      },
    };
    const logged: string[] = [];
    const service = new AnalyticsService(store, feedOf(flaky, (message) => logged.push(message)));
    const { totals } = await report(service);
    expect(logged).toEqual(['analytics: could not consume events; retrying']);
    expect(totals).toMatchObject({ accepted: 102, delivered: 101 });
  });
});
