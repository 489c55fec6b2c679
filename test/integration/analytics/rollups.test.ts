// Rollups after real deliveries (to MX hosts named like the providers' own) and tracking
// facts raised on the bus as the tracking code raises them: every count, by day and hour ×
// stream × provider × sender domain, equals what the events table says, recounted here.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { AnalyticsQuery, AnalyticsRow, Provider } from '../../../engine/api/contract';
import { DATABASE_FILE } from '../../../engine/index';
import { mxRecords, sendMail, waitForStates } from '../../support/delivery-relay';
import { deliveryTestbed } from '../../support/delivery-testbed';
import { authedSession } from '../../support/raw-smtp';

const bed = deliveryTestbed({
  mx: [
    { host: '127.0.0.2', name: 'gmail-smtp-in.l.google.com', rcpt: { 'nobody@gmail.com': '550 5.1.1 The email account that you tried to reach does not exist.' } },
    { host: '127.0.0.3', name: 'mx.elsewhere.test' },
  ],
  zone: [
    ...mxRecords('gmail.com', [[5, 'gmail-smtp-in.l.google.com', '127.0.0.2']]),
    ...mxRecords('corp.test', [[1, 'aspmx.l.google.com', '127.0.0.2']]),
    ...mxRecords('outlook.com', [[10, 'outlook-com.olc.protection.outlook.com', '127.0.0.3']]),
    ...mxRecords('yahoo.com', [[1, 'mta5.am0.yahoodns.net', '127.0.0.3']]),
    ...mxRecords('other.test', [[10, 'mx.other.test', '127.0.0.3']]),
  ],
  relay: { delivery: { dsn: { onFailure: false } } },
});

/** Independent of the engine: who hosts each test domain. */
const PROVIDER_OF: Record<string, Provider> = { 'gmail.com': 'gmail', 'outlook.com': 'outlook', 'yahoo.com': 'yahoo', 'other.test': 'other' };
const COUNTED: Record<string, keyof AnalyticsRow> = {
  'recipient.delivered': 'delivered', 'recipient.bounced': 'bounced', 'recipient.deferred': 'deferred', 'recipient.opened': 'opens',
  'recipient.clicked': 'clicks', 'recipient.unsubscribed': 'unsubscribes', 'recipient.complained': 'complaints',
};

async function sendBulk(to: string[], from: string): Promise<string> {
  const { client } = bed.relay.engine;
  const user = `bulk-${from}`;
  const { secret } = await client.call('credentials.add', { name: user, username: user, stream: 'bulk' });
  const session = await authedSession(bed.relay.port('submission'), user, secret);
  const reply = await session.sendMail(from, to, `From: ${from}\r\nTo: ${to.join(', ')}\r\nSubject: Newsletter\r\n\r\nNews.\r\n`);
  session.close();
  return /queued as (\S+)$/.exec(reply.last)![1]!;
}

/** The counts recomputed from the events table: key `granularity|bucket|stream|provider|senderDomain`. */
function recount(): Map<string, Record<string, number>> {
  const db = new Database(join(bed.relay.dataDir, DATABASE_FILE), { readonly: true });
  const rows = db.prepare(`SELECT e.type, e.at, e.data, m.stream, m.sender_domain AS senderDomain, r.domain, m.id AS messageId
    FROM events e JOIN messages m ON m.id = e.message_id LEFT JOIN recipients r ON r.id = e.recipient_id ORDER BY e.id`).all() as
    Array<{ type: string; at: number; data: string; stream: string; senderDomain: string; domain: string | null; messageId: string }>;
  const recipientsOf = db.prepare('SELECT domain FROM recipients WHERE message_id = ?');
  const counts = new Map<string, Record<string, number>>();
  const add = (at: number, stream: string, domain: string, senderDomain: string, field: string) => {
    for (const [granularity, size] of [['hour', 3_600_000], ['day', 86_400_000]] as const) {
      const key = `${granularity}|${at - (at % size)}|${stream}|${PROVIDER_OF[domain] ?? 'other'}|${senderDomain}`;
      const entry = counts.get(key) ?? {};
      entry[field] = (entry[field] ?? 0) + 1;
      counts.set(key, entry);
    }
  };
  for (const row of rows) {
    if (row.type === 'message.accepted') {
      for (const { domain } of recipientsOf.all(row.messageId) as Array<{ domain: string }>) add(row.at, row.stream, domain, row.senderDomain, 'accepted');
    } else if (COUNTED[row.type] && (JSON.parse(row.data) as { isAutomated?: boolean }).isAutomated !== true) {
      add(row.at, row.stream, row.domain!, row.senderDomain, COUNTED[row.type]!);
    }
  }
  db.close();
  return counts;
}

describe('analytics rollups', () => {
  it('equal the counts recomputed from the events table, per hour and day, stream, provider and sender domain', async () => {
    const { client, bus } = bed.relay.engine;
    const transactional = await sendMail(bed.relay, [
      { from: 'app@shop.test', to: ['ann@gmail.com', 'nobody@gmail.com', 'bo@outlook.com'] },
      { from: 'app@shop.test', to: ['cy@yahoo.com', 'di@other.test'] },
      { from: 'alerts@ops.test', to: ['ann@gmail.com'] },
    ]);
    const bulk = await sendBulk(['ann@gmail.com', 'ed@outlook.com', 'fay@other.test'], 'news@shop.test');
    const details = await Promise.all([...transactional, bulk].map((id) => waitForStates(bed.relay, id)));
    // Opens, clicks, an unsubscribe and a complaint, as the tracking and inbound code report them.
    const newsletter = details[3]!;
    const recipient = (address: string) => newsletter.recipients.find((r) => r.address === address)!;
    const hit = (address: string, isAutomated: boolean) => ({
      messageId: newsletter.id, recipientId: recipient(address).recipientId, address, stream: 'bulk' as const, at: Date.now(),
      userAgent: 'Mozilla/5.0', ip: '192.0.2.7', isAutomated, automatedReason: isAutomated ? 'prefetch' : null,
    });
    bus.emit('tracking.opened', hit('ann@gmail.com', false));
    bus.emit('tracking.opened', hit('ann@gmail.com', true));
    bus.emit('tracking.opened', hit('ed@outlook.com', false));
    bus.emit('tracking.clicked', { ...hit('ed@outlook.com', false), url: 'https://shop.test/sale' });
    bus.emit('recipient.unsubscribed', { messageId: newsletter.id, recipientId: recipient('fay@other.test').recipientId, address: 'fay@other.test',
      senderDomain: 'shop.test', stream: 'bulk', via: 'one-click', at: Date.now() });
    bus.emit('recipient.complained', { messageId: newsletter.id, recipientId: recipient('ed@outlook.com').recipientId, address: 'ed@outlook.com',
      feedbackType: 'abuse', reportedBy: 'Microsoft JMRP', at: Date.now() });

    const from = Date.now() - 2 * 86_400_000;
    const to = Date.now() + 86_400_000;
    let report = await client.call('analytics.query', { granularity: 'day', from, to, groupBy: ['stream', 'provider', 'senderDomain'] });
    // The facts from the bus are stored a moment after they are raised.
    for (let tries = 0; report.totals.complaints === 0 && tries < 40; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      report = await client.call('analytics.query', { granularity: 'day', from, to, groupBy: ['stream', 'provider', 'senderDomain'] });
    }
    const expected = recount();
    for (const granularity of ['day', 'hour'] as const) {
      const { rows } = await client.call('analytics.query', { granularity, from, to, groupBy: ['stream', 'provider', 'senderDomain'] });
      const actual = new Map(rows.map((row) => [`${granularity}|${row.bucketAt}|${row.stream}|${row.provider}|${row.senderDomain}`,
        Object.fromEntries(Object.entries(row).filter(([field, value]) => typeof value === 'number' && value > 0 && field !== 'bucketAt'
          && !field.endsWith('Rate')))]));
      const wanted = new Map([...expected].filter(([key]) => key.startsWith(`${granularity}|`)));
      expect(actual).toEqual(wanted);
    }
    expect(report.totals).toMatchObject({ accepted: 9, delivered: 8, bounced: 1, opens: 2, clicks: 1, unsubscribes: 1, complaints: 1, deliveryRate: 0.8889, bounceRate: 0.1111 });
    const gmailBulk = report.rows.find((row) => row.stream === 'bulk' && row.provider === 'gmail')!;
    expect(gmailBulk).toMatchObject({ senderDomain: 'shop.test', accepted: 1, delivered: 1, opens: 1, complaintRate: 0 });
    expect(gmailBulk.timeToDeliver!.p50Ms).toBeGreaterThanOrEqual(0);
  });

  it('places a custom domain hosted by Google under gmail once a delivery has reached its MX', async () => {
    const { client } = bed.relay.engine;
    const [first] = await sendMail(bed.relay, { from: 'app@corp-sender.test', to: ['ivy@corp.test'] });
    await waitForStates(bed.relay, first!);
    const [second] = await sendMail(bed.relay, { from: 'app@corp-sender.test', to: ['joe@corp.test'] });
    await waitForStates(bed.relay, second!);
    const { rows } = await client.call('analytics.query', { granularity: 'day', from: 0, to: Date.now() + 86_400_000, senderDomain: 'corp-sender.test', groupBy: ['provider'] });
    // The first acceptance came before anything was known about corp.test.
    expect(rows.map(({ provider, accepted, delivered }) => ({ provider, accepted, delivered }))).toEqual([
      { provider: 'gmail', accepted: 1, delivered: 2 },
      { provider: 'other', accepted: 1, delivered: 0 },
    ]);
  });

  it('exports the rows as CSV and lists the dimensions seen', async () => {
    const { client } = bed.relay.engine;
    const query: AnalyticsQuery = { granularity: 'day', from: 0, to: Date.now() + 86_400_000, groupBy: ['provider'] };
    const { csv, rows } = await client.call('analytics.export', query);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('bucket_start,stream,provider,sender_domain,accepted,delivered,deferred,bounced,expired,suppressed,complaints,opens,clicks,unsubscribes,delivery_rate,bounce_rate,complaint_rate,p50_ms,p90_ms,p99_ms');
    expect(lines).toHaveLength(rows + 1);
    expect(lines.slice(1).map((line) => line.split(',')[2])).toEqual(['gmail', 'other', 'outlook', 'yahoo']);
    expect(await client.call('analytics.dimensions', { from: 0, to: Date.now() + 86_400_000 })).toEqual({
      senderDomains: ['corp-sender.test', 'ops.test', 'shop.test'], providers: ['gmail', 'outlook', 'yahoo', 'other'],
    });
    await expect(client.call('analytics.query', { granularity: 'hour', from: 0, to: 100 * 86_400_000 })).rejects.toMatchObject({ code: 'validation', details: { field: 'granularity' } });
  });
});
