// message.search over the contract, on mail submitted over SMTP: each criterion, their
// combination, newest first, keyset pages that neither repeat nor skip.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, MessageSearch } from '../../../engine/api/contract';
import { ManualClock } from '../../../engine/shared/clock';
import { startTestRelay, type TestRelay } from '../../support/engine';
import { rawSession } from '../../support/raw-smtp';
import { removeTempDirs } from '../../support/temp-dir';

const HOUR = 3_600_000;
const clock = new ManualClock(Date.UTC(2026, 2, 1, 9));
const start = clock.now();
let relay: TestRelay;
let client: ApiClient;
const ids: Record<string, string> = {};

async function submit(name: string, from: string, to: string[], subject: string, messageId?: string): Promise<void> {
  const { client: smtp } = await rawSession(relay.port('submission'));
  const headers = [`From: ${from}`, `To: ${to.join(', ')}`, `Subject: ${subject}`, ...(messageId ? [`Message-ID: ${messageId}`] : [])];
  const reply = await smtp.sendMail(from, to, `${headers.join('\r\n')}\r\n\r\nBody.\r\n`);
  smtp.close();
  ids[name] = /queued as (\S+)$/.exec(reply.last)![1]!;
  clock.advance(HOUR);
}

beforeAll(async () => {
  relay = await startTestRelay({ trustedNetworks: ['127.0.0.0/8'] }, { clock, delivery: false });
  client = relay.engine.client;
  await submit('invoice', 'billing@shop.test', ['Ann@Dest.test'], 'Invoice 42 is ready');
  await submit('news', 'news@letters.test', ['bo@other.test', 'cy@other.test'], 'Weekly news', '<weekly-9@letters.test>');
  await submit('reminder', 'billing@shop.test', ['ann@dest.test', 'di@dest.test'], 'Your invoice 43: reminder');
  await submit('percent', 'ops@shop.test', ['ed@dest.test'], '100% off_today');
  await client.call('queue.act', { action: 'bounce', selection: { filter: { address: 'di@dest.test' } } });
});

afterAll(async () => {
  await relay.stop();
  removeTempDirs();
});

async function found(criteria: MessageSearch): Promise<string[]> {
  const names = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
  return (await client.call('message.search', criteria)).items.map((item) => names[item.id]!);
}

describe('message.search', () => {
  it('finds by recipient (any case) or recipient domain, newest first', async () => {
    expect(await found({ recipient: 'ANN@dest.test' })).toEqual(['reminder', 'invoice']);
    expect(await found({ recipient: '@other.test' })).toEqual(['news']);
  });

  it('finds by part of the sender, part of the subject (any case, wildcards taken literally)', async () => {
    expect(await found({ sender: 'billing@' })).toEqual(['reminder', 'invoice']);
    expect(await found({ sender: '@LETTERS.test' })).toEqual(['news']);
    expect(await found({ subject: 'invoice' })).toEqual(['reminder', 'invoice']);
    expect(await found({ subject: '100% off_' })).toEqual(['percent']);
    expect(await found({ subject: '%' })).toEqual(['percent']);
  });

  it('finds by queue id or Message-ID, with or without brackets', async () => {
    expect(await found({ messageId: ids.invoice! })).toEqual(['invoice']);
    expect(await found({ messageId: 'weekly-9@letters.test' })).toEqual(['news']);
    expect(await found({ messageId: '<weekly-9@letters.test>' })).toEqual(['news']);
  });

  it('finds by state, stream and time, and combines criteria', async () => {
    expect(await found({ state: 'bounced' })).toEqual(['reminder']);
    expect(await found({ state: 'queued', sender: 'billing' })).toEqual(['reminder', 'invoice']);
    expect(await found({ from: start + HOUR, to: start + 3 * HOUR })).toEqual(['reminder', 'news']);
    expect(await found({ stream: 'bulk' })).toEqual([]);
    expect(await found({ recipient: 'ann@dest.test', subject: 'reminder', from: start })).toEqual(['reminder']);
  });

  it('summarises each message and pages with a cursor that neither repeats nor skips', async () => {
    const first = await client.call('message.search', { limit: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.items[1]).toEqual({
      id: ids.reminder, receivedAt: start + 2 * HOUR, stream: 'transactional', mailFrom: 'billing@shop.test', subject: 'Your invoice 43: reminder',
      messageIdHeader: `<${ids.reminder!.toLowerCase()}@relay.test>`, size: expect.any(Number), recipientCount: 2, states: { queued: 1, bounced: 1 }, isRawAvailable: true,
    });
    const second = await client.call('message.search', { limit: 3, cursor: first.nextCursor! });
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((item) => item.id)).toEqual([ids.percent, ids.reminder, ids.news, ids.invoice]);
    await expect(client.call('message.search', { cursor: 'bogus' })).rejects.toMatchObject({ code: 'validation', details: { field: 'cursor' } });
  });
});
