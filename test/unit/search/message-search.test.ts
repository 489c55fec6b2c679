// Search on a large store: every kind of criterion is answered from indexes (the query
// plan never reads the messages table row by row), and pages agree with a brute-force
// filter of the same rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../engine/store/index';
import { MessageSearchService } from '../../../engine/search/index';
import type { MessageSearch, RecipientState } from '../../../engine/api/contract';

const MESSAGES = 30_000;
const BASE = Date.UTC(2026, 0, 1);
const RAW = Buffer.alloc(4096, 'x');
let store: Store;
let search: MessageSearchService;
const plans: string[][] = [];

interface Seeded {
  id: string;
  at: number;
  mailFrom: string;
  subject: string;
  address: string;
  state: RecipientState;
}
const seeded: Seeded[] = [];

beforeAll(() => {
  store = openStore({ path: ':memory:' });
  store.db.transaction(() => {
    for (let i = 0; i < MESSAGES; i++) {
      const id = `M${String(i).padStart(8, '0')}`;
      const at = BASE + i * 1000;
      const mailFrom = i % 100 === 0 ? `rare${i}@vip.test` : `app@shop${i % 3}.test`;
      const subject = i % 1000 === 7 ? `Invoice ${i} overdue` : `Order ${i} shipped`;
      const address = i % 500 === 0 ? `ceo${i}@corp.test` : `user${i % 5000}@mail${i % 4}.test`;
      const state: RecipientState = i % 2000 === 3 ? 'bounced' : 'delivered';
      store.messages.insert({ id, receivedAt: at, source: 'smtp', sessionId: null, credentialId: null, stream: i % 2 ? 'bulk' : 'transactional',
        mailFrom, senderDomain: mailFrom.split('@')[1]!, headerFrom: null, subject, messageIdHeader: `<${i}.x@shop.test>`, raw: RAW, recipientCount: 1, route: null });
      store.recipients.insertForMessage(id, i % 2 ? 'bulk' : 'transactional', [{ address, domain: address.split('@')[1]!, state: 'queued', reason: null, dsnNotify: null, dsnOrcpt: null }], at, at);
      seeded.push({ id, at, mailFrom, subject, address, state });
    }
    store.db.prepare(`UPDATE recipients SET state = 'delivered'`).run();
    store.db.prepare(`UPDATE recipients SET state = 'bounced' WHERE message_id IN (SELECT id FROM messages WHERE CAST(substr(id, 2) AS INTEGER) % 2000 = 3)`).run();
  })();
  // Records each search query's plan, to show it is answered from indexes.
  const db = new Proxy(store.db, {
    get(target, property) {
      if (property !== 'prepare') return Reflect.get(target, property, target);
      return (sql: string) => {
        const statement = target.prepare(sql);
        if (!/ORDER BY m\.received_at DESC/.test(sql)) return statement;
        return { all: (params: Record<string, unknown>) => {
          plans.push((target.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>).map((row) => row.detail));
          return statement.all(params);
        } };
      };
    },
  });
  search = new MessageSearchService(db);
});

afterAll(() => store.close());

/** Every page of a search, newest first. */
function all(criteria: MessageSearch, limit = 40): string[] {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = search.search({ ...criteria, cursor }, limit);
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

function expected(isMatch: (row: Seeded) => boolean): string[] {
  return seeded.filter(isMatch).map((row) => row.id).reverse();
}

const CASES: Array<[string, MessageSearch, (row: Seeded) => boolean]> = [
  ['a rare recipient', { recipient: 'CEO1500@corp.test' }, (r) => r.address === 'ceo1500@corp.test'],
  ['a frequent recipient domain', { recipient: '@mail1.test', to: BASE + 3000 * 1000 }, (r) => r.address.endsWith('@mail1.test') && r.at < BASE + 3_000_000],
  ['a rare sender', { sender: 'vip.test' }, (r) => r.mailFrom.endsWith('@vip.test')],
  ['a subject fragment', { subject: 'INVOICE' }, (r) => r.subject.startsWith('Invoice')],
  ['a rare state in a stream', { state: 'bounced', stream: 'bulk' }, (r) => r.state === 'bounced' && Number(r.id.slice(1)) % 2 === 1],
  ['a Message-ID without brackets', { messageId: '12345.x@shop.test' }, (r) => r.id === 'M00012345'],
  ['a queue id', { messageId: 'M00000042' }, (r) => r.id === 'M00000042'],
  ['a time range', { from: BASE + 5000 * 1000, to: BASE + 5100 * 1000 }, (r) => r.at >= BASE + 5_000_000 && r.at < BASE + 5_100_000],
];

describe('message search on a large store', () => {
  for (const [what, criteria, isMatch] of CASES) {
    it(`finds ${what} from indexes alone, page by page`, () => {
      plans.length = 0;
      const started = performance.now();
      const ids = all(criteria);
      const elapsed = performance.now() - started;
      expect(ids).toEqual(expected(isMatch));
      expect(ids.length).toBeGreaterThan(0);
      // "SCAN m" without an index would read every row, raw message included; walking the
      // time index must not visit rows either.
      for (const plan of plans) {
        expect(plan.filter((step) => /^SCAN m$/.test(step) || (/messages_by_received_at/.test(step) && !/COVERING/.test(step))), plan.join(' | ')).toEqual([]);
      }
      expect(elapsed, `${what}: ${elapsed.toFixed(0)} ms`).toBeLessThan(2000);
    });
  }

  it('describes each message with its recipient states and body availability', () => {
    const [item] = search.search({ messageId: 'M00000003' }, 10).items;
    expect(item).toEqual({
      id: 'M00000003', receivedAt: BASE + 3000, stream: 'bulk', mailFrom: 'app@shop0.test', subject: 'Order 3 shipped',
      messageIdHeader: '<3.x@shop.test>', size: 4096, recipientCount: 1, states: { bounced: 1 }, isRawAvailable: true,
    });
    expect(() => search.search({ cursor: 'nonsense' }, 10)).toThrow(/cursor is not one this API returned/);
  });
});
