// The console's queue views against a real store: every sort and direction, paged by
// cursor, must list exactly what a plain ORDER BY over the SQLite file lists; the queue
// shape and top destinations (read on the store worker's own connection) must agree
// with the file too.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueEntry, QueueFilter, QueueSort } from '../../../engine/api/contract';
import { DATABASE_FILE } from '../../support/store-file';
import { startTestRelay, type TestRelay } from '../../support/engine';
import { simpleMessage, submit } from '../../support/submit';

const DOMAINS = ['alpha.test', 'bravo.test', 'charlie.test'];
// 18 messages: alpha.test then holds so much of the queued state that its pages sorted by
// next attempt or last change walk the sort's index, the others the domain's.
const MESSAGES = 18;
const PAGE = 7;

let relay: TestRelay;
let file: Database.Database;

beforeAll(async () => {
  relay = await startTestRelay({ trustedNetworks: ['127.0.0.0/8'] }, { delivery: false });
  for (let i = 0; i < MESSAGES; i++) {
    // Each message goes to 1-3 domains, so recipients of one message interleave with others.
    const to = DOMAINS.slice(0, 1 + (i % 3)).map((domain) => `user${i}@${domain}`);
    await submit({ port: relay.port('submission'), to, message: simpleMessage({ subject: `message ${i}` }) });
  }
  const client = relay.engine.client;
  const bravo = await client.call('queue.list', { domain: 'bravo.test', limit: 100 });
  await client.call('queue.act', { action: 'hold', selection: { recipientIds: bravo.items.filter((_, i) => i % 2 === 0).map((r) => r.recipientId) } });
  const charlie = await client.call('queue.list', { domain: 'charlie.test', limit: 100 });
  await client.call('queue.act', { action: 'bounce', selection: { recipientIds: [charlie.items[0]!.recipientId] } });
  file = new Database(join(relay.dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
});

afterAll(async () => {
  file?.close();
  await relay?.stop();
});

const COLUMNS: Record<QueueSort, string> = { createdAt: 'id', nextAttemptAt: 'next_attempt_at', updatedAt: 'updated_at' };

function expectedIds(filter: QueueFilter, sort: QueueSort, order: 'asc' | 'desc'): number[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.states) {
    where.push(`state IN (${filter.states.map(() => '?').join(', ')})`);
    params.push(...filter.states);
  }
  if (filter.domain) {
    where.push('domain = ?');
    params.push(filter.domain);
  }
  if (filter.stream) {
    where.push('stream = ?');
    params.push(filter.stream);
  }
  const direction = order.toUpperCase();
  const sql = `SELECT id FROM recipients ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${COLUMNS[sort]} ${direction}, id ${direction}`;
  return (file.prepare(sql).all(...params) as Array<{ id: number }>).map((row) => row.id);
}

async function listAllPages(filter: QueueFilter, sort: QueueSort, order: 'asc' | 'desc'): Promise<{ ids: number[]; pages: number; totals: Array<number | null> }> {
  const ids: number[] = [];
  const totals: Array<number | null> = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await relay.engine.client.call('queue.list', { ...filter, sort, order, limit: PAGE, ...(cursor && { cursor }) });
    ids.push(...page.items.map((item: QueueEntry) => item.recipientId));
    totals.push(page.total);
    cursor = page.nextCursor ?? undefined;
    pages++;
  } while (cursor && pages < 50);
  return { ids, pages, totals };
}

describe('queue.list', () => {
  const filters: Array<[string, QueueFilter]> = [
    ['every state', {}],
    ['queued and held', { states: ['queued', 'held'] }],
    ['one domain', { domain: 'bravo.test' }],
    ['the busiest domain', { domain: 'alpha.test' }],
    ['one domain in one stream', { domain: 'bravo.test', stream: 'transactional' }],
    ['one domain, held and bounced', { domain: 'charlie.test', states: ['held', 'bounced'] }],
  ];
  for (const [name, filter] of filters) {
    for (const sort of ['createdAt', 'nextAttemptAt', 'updatedAt'] as const) {
      for (const order of ['asc', 'desc'] as const) {
        it(`pages ${name} by ${sort} ${order} exactly as ORDER BY would`, async () => {
          const expected = expectedIds(filter, sort, order);
          const listed = await listAllPages(filter, sort, order);
          expect(listed.ids).toEqual(expected);
          expect(listed.pages).toBe(Math.max(1, Math.ceil(expected.length / PAGE)));
          expect(new Set(listed.totals)).toEqual(new Set([expected.length]));
        });
      }
    }
  }

  it('has the mix of states the cases above rely on', () => {
    const states = file.prepare('SELECT state, COUNT(*) AS n FROM recipients GROUP BY state ORDER BY state').all();
    expect(states).toEqual([{ state: 'bounced', n: 1 }, { state: 'held', n: 6 }, { state: 'queued', n: 29 }]);
  });

  it('lists nothing for a stream no recipient is in', async () => {
    const page = await relay.engine.client.call('queue.list', { stream: 'bulk' });
    expect([page.items, page.nextCursor, page.total]).toEqual([[], null, 0]);
  });
});

describe('queue.shape and stats.topDestinations', () => {
  it('counts waiting recipients per domain, all in the youngest age bucket', async () => {
    const shape = await relay.engine.client.call('queue.shape', { states: ['queued', 'held'] });
    const byDomain = file.prepare(`SELECT domain, COUNT(*) AS n FROM recipients WHERE state IN ('queued', 'held')
      GROUP BY domain ORDER BY n DESC, domain`).all() as Array<{ domain: string; n: number }>;
    expect(shape.rows.map((row) => [row.domain, row.total, row.buckets[0]])).toEqual(byDomain.map((row) => [row.domain, row.n, row.n]));
    expect(shape.total).toBe(35);
    expect(shape.totals[0]).toBe(35);
    expect(shape.totals.slice(1).every((count) => count === 0)).toBe(true);
    expect(shape.bucketLabels).toHaveLength(shape.totals.length);
  });

  it('honours the state filter and the row limit, keeping totals over every domain', async () => {
    const shape = await relay.engine.client.call('queue.shape', { states: ['held'], limit: 1 });
    expect(shape.rows).toEqual([{ domain: 'bravo.test', total: 6, buckets: [6, 0, 0, 0, 0, 0, 0, 0, 0, 0] }]);
    expect(shape.total).toBe(6);
  });

  it('ranks destinations by waiting mail with the split by state', async () => {
    const top = await relay.engine.client.call('stats.topDestinations', { limit: 2 });
    expect(top.map((row) => [row.domain, row.queued, row.deferred, row.held])).toEqual([
      ['alpha.test', 18, 0, 0],
      ['bravo.test', 6, 0, 6],
    ]);
  });
});

describe('recipient counts', () => {
  const counted = () => file.prepare('SELECT domain, stream, state, count FROM recipient_counts WHERE count > 0 ORDER BY domain, stream, state').all();
  const grouped = () => file.prepare('SELECT domain, stream, state, COUNT(*) AS count FROM recipients GROUP BY domain, stream, state ORDER BY domain, stream, state').all();

  it('match the rows after intake, holds and bounces, and after deletes and releases', async () => {
    expect(counted()).toEqual(grouped());
    const client = relay.engine.client;
    await client.call('queue.act', { action: 'delete', selection: { filter: { domain: 'charlie.test', states: ['queued'] } } });
    await client.call('queue.act', { action: 'release', selection: { filter: { domain: 'bravo.test', states: ['held'] } } });
    expect(counted()).toEqual(grouped());
    expect(file.prepare(`SELECT COUNT(*) AS n FROM recipients WHERE domain = 'charlie.test' AND state = 'queued'`).get()).toEqual({ n: 0 });
    const page = await client.call('queue.list', { domain: 'bravo.test', stream: 'transactional', states: ['queued'] });
    expect(page.total).toBe(12);
  });
});
