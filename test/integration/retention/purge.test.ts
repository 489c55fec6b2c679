// Retention with an injected clock: bodies and inbound transcripts go after their stream's
// days, the record of what happened (message, recipients, attempts, events) stays until its
// own days, mail still waiting keeps its body, and the last run is reported.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../engine/api/contract';
import { ManualClock } from '../../../engine/shared/clock';
import { startTestRelay, type TestRelay } from '../../support/engine';
import { sendMail } from '../../support/delivery-relay';
import { authedSession } from '../../support/raw-smtp';
import { removeTempDirs } from '../../support/temp-dir';

const DAY = 86_400_000;
const clock = new ManualClock(Date.UTC(2026, 0, 5, 12));
let relay: TestRelay;
let client: ApiClient;
let transactional: string[];
let bulk: string;
let waiting: string | undefined;

async function sendBulk(): Promise<string> {
  const { secret } = await client.call('credentials.add', { name: 'news', username: 'news', stream: 'bulk' });
  const session = await authedSession(relay.port('submission'), 'news', secret);
  const reply = await session.sendMail('news@shop.test', ['reader@dest.test'], 'Subject: News\r\n\r\nNews.\r\n');
  session.close();
  return /queued as (\S+)$/.exec(reply.last)![1]!;
}

beforeAll(async () => {
  // No delivery: the operator's bounce finishes mail; what is not bounced stays queued.
  relay = await startTestRelay({ trustedNetworks: ['127.0.0.0/8'] }, { clock, delivery: false });
  client = relay.engine.client;
  transactional = await sendMail(relay, [{ to: ['a@dest.test'] }, { to: ['b@dest.test'] }]);
  bulk = await sendBulk();
  await client.call('queue.act', { action: 'bounce', selection: { filter: { states: ['queued'] } } });
  [waiting] = await sendMail(relay, { to: ['waiting@dest.test'] });
  await client.call('retention.set', { transactional: { bodyDays: 3, metadataDays: 15 }, bulk: { bodyDays: 5, metadataDays: 30 } });
});

afterAll(async () => {
  await relay.stop();
  removeTempDirs();
});

describe('retention', () => {
  it('refuses metadata kept for less time than bodies', async () => {
    await expect(client.call('retention.set', { bulk: { bodyDays: 30, metadataDays: 10 } })).rejects.toMatchObject({ code: 'validation', details: { field: 'bulk.metadataDays' } });
    expect((await client.call('retention.get', {})).settings.bulk).toEqual({ bodyDays: 5, metadataDays: 30 });
  });

  it('keeps everything younger than its days', async () => {
    clock.advance(2 * DAY);
    const run = await client.call('retention.run', {});
    expect(run).toMatchObject({ bodiesPurged: 0, transcriptsPurged: 0, messagesDeleted: 0, eventsDeleted: 0 });
  });

  it('purges transactional bodies and their transcripts after 3 days, keeping the record and the bulk stream', async () => {
    const session = (await client.call('message.get', { id: transactional[0]! })).sessionId!;
    expect((await client.call('sessions.get', { id: session })).lines.length).toBeGreaterThan(0);
    clock.advance(1.5 * DAY);
    const run = await client.call('retention.run', {});
    expect(run).toMatchObject({ bodiesPurged: 2, transcriptsPurged: 1, messagesDeleted: 0 });
    for (const id of transactional) {
      await expect(client.call('message.raw', { id })).rejects.toMatchObject({ code: 'not_found', message: `The body of ${id} was removed by the retention policy.` });
      const detail = await client.call('message.get', { id });
      expect(detail).toMatchObject({ isRawAvailable: false, subject: 'Delivery test', recipients: [{ state: 'bounced' }] });
      expect(detail.events.map((event) => event.type)).toEqual(['message.accepted', 'recipient.bounced']);
      expect(detail.transcript).toEqual([]);
    }
    expect((await client.call('sessions.get', { id: session })).lines).toEqual([]);
    // Waiting mail keeps its body whatever its age; bulk keeps it for 5 days.
    expect((await client.call('message.get', { id: waiting! })).isRawAvailable).toBe(true);
    expect((await client.call('message.get', { id: bulk })).isRawAvailable).toBe(true);
  });

  it('purges bulk bodies after 5 days and deletes transactional records after 15, then bulk after 30', async () => {
    clock.advance(2 * DAY);
    expect(await client.call('retention.run', {})).toMatchObject({ bodiesPurged: 1, messagesDeleted: 0 });
    expect((await client.call('message.get', { id: bulk })).isRawAvailable).toBe(false);

    clock.advance(10 * DAY);
    const run = await client.call('retention.run', {});
    expect(run).toMatchObject({ messagesDeleted: 2, eventsDeleted: 4 });
    for (const id of transactional) await expect(client.call('message.get', { id })).rejects.toMatchObject({ code: 'not_found' });
    expect((await client.call('message.get', { id: bulk })).events.length).toBe(2);
    expect((await client.call('message.get', { id: waiting! })).isRawAvailable).toBe(true);
    expect((await client.call('message.search', { recipient: 'a@dest.test' })).items).toEqual([]);

    clock.advance(15 * DAY);
    const last = await client.call('retention.run', {});
    expect(last).toMatchObject({ messagesDeleted: 1, sessionsDeleted: 3 });
    await expect(client.call('message.get', { id: bulk })).rejects.toMatchObject({ code: 'not_found' });
    // Mail still queued is never deleted, however old.
    expect((await client.call('message.get', { id: waiting! })).recipients[0]!.state).toBe('queued');
    const view = await client.call('retention.get', {});
    expect(view).toMatchObject({ isRunning: false, lastRun: { ...last } });
    expect(view.lastRun!.batches).toBeGreaterThan(5);
  });
});
