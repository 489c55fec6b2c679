// Migration 0100 on a database with queued mail: the queue view's (state, updated_at, id)
// index replaces the two it supersedes, recipients survive, a page by last update reads
// that index in order instead of sorting, and the counts table starts from the rows and
// follows every insert, state change and delete (cascading ones included).
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../engine/store/database';
import { migrate } from '../../../engine/store/migrate';
import { migrations } from '../../../engine/store/migrations/index';

const before = migrations.filter((m) => m.version < 100);
const through = migrations.filter((m) => m.version <= 100);

function recipientIndexes(db: ReturnType<typeof openDatabase>): string[] {
  return (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'recipients' AND sql IS NOT NULL ORDER BY name`).all() as Array<{ name: string }>).map((row) => row.name);
}

describe('0100-queue-views', () => {
  it('swaps the indexes and keeps every recipient', () => {
    const db = openDatabase({ path: ':memory:' });
    migrate(db, ':memory:', before);
    expect(recipientIndexes(db)).toEqual(expect.arrayContaining(['recipients_by_domain_state', 'recipients_by_state_updated']));
    db.prepare(`INSERT INTO messages (id, received_at, source, credential_id, stream, mail_from, sender_domain, size, recipient_count, raw, route)
      VALUES ('Q1', 1000, 'smtp', NULL, 'transactional', 'a@shop.test', 'shop.test', 1, 2, x'78', 'direct')`).run();
    const insert = db.prepare(`INSERT INTO recipients (message_id, address, domain, stream, state, next_attempt_at, expires_at, created_at, updated_at)
      VALUES ('Q1', ?, 'dest.test', 'transactional', 'queued', 1000, 99000, 1000, ?)`);
    insert.run('one@dest.test', 1000);
    insert.run('two@dest.test', 2000);

    expect(migrate(db, ':memory:', through)).toEqual({ from: before.at(-1)!.version, to: 100, applied: ['0100-queue-views'] });
    const indexes = recipientIndexes(db);
    expect(indexes).toContain('recipients_by_state_updated_id');
    expect(indexes).not.toContain('recipients_by_state_updated');
    expect(indexes).not.toContain('recipients_by_domain_state');
    expect(db.prepare(`SELECT address FROM recipients ORDER BY updated_at DESC`).all()).toEqual([{ address: 'two@dest.test' }, { address: 'one@dest.test' }]);

    const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM recipients WHERE state = 'queued'
      ORDER BY updated_at DESC, id DESC LIMIT 50`).all() as Array<{ detail: string }>).map((row) => row.detail).join(' | ');
    expect(plan).toMatch(/recipients_by_state_updated_id/);
    expect(plan).not.toMatch(/TEMP B-TREE/);

    const counts = () => db.prepare('SELECT domain, state, count FROM recipient_counts WHERE count > 0 ORDER BY domain, state').all();
    expect(counts()).toEqual([{ domain: 'dest.test', state: 'queued', count: 2 }]);
    insert.run('three@dest.test', 3000);
    db.prepare(`UPDATE recipients SET state = 'held' WHERE address = 'one@dest.test'`).run();
    db.prepare(`UPDATE recipients SET updated_at = 4000 WHERE address = 'two@dest.test'`).run();
    expect(counts()).toEqual([{ domain: 'dest.test', state: 'held', count: 1 }, { domain: 'dest.test', state: 'queued', count: 2 }]);
    db.pragma('foreign_keys = ON');
    db.prepare(`DELETE FROM messages WHERE id = 'Q1'`).run();
    expect(counts()).toEqual([]);
    db.close();
  });
});
