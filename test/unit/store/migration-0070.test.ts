// Migration 0070 on a database with mail in it: the migration tables and webhook formats
// appear, nothing is lost, and sandbox inboxes read through their partial index.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../engine/store/database';
import { migrate } from '../../../engine/store/migrate';
import { migrations } from '../../../engine/store/migrations/index';

const before = migrations.filter((m) => m.version < 70);
const through = migrations.filter((m) => m.version <= 70);

describe('0070-migrations-sandbox', () => {
  it('adds its tables and index and keeps existing mail', () => {
    const db = openDatabase({ path: ':memory:' });
    migrate(db, ':memory:', before);
    db.prepare(`INSERT INTO messages (id, received_at, source, credential_id, stream, mail_from, sender_domain, size, recipient_count, raw, route)
      VALUES ('Q1', 1000, 'smtp', 7, 'transactional', 'a@shop.test', 'shop.test', 1, 1, x'78', 'sandbox')`).run();

    expect(migrate(db, ':memory:', through)).toEqual({ from: 60, to: 70, applied: ['0070-migrations-sandbox'] });
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as Array<{ name: string }>).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['migrations', 'migration_steps', 'migration_history', 'webhook_formats']));
    expect(db.prepare(`SELECT id, route FROM messages`).all()).toEqual([{ id: 'Q1', route: 'sandbox' }]);

    const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM messages WHERE route = 'sandbox' AND credential_id IS 7
      ORDER BY received_at DESC, id DESC LIMIT 10`).all() as Array<{ detail: string }>).map((row) => row.detail);
    expect(plan.join(' | ')).toMatch(/messages_by_sandbox_credential/);
    db.prepare(`INSERT INTO migrations (provider, domains, old_route, new_route, state, settings, created_at, updated_at)
      VALUES ('sendgrid', '[]', 'sendgrid', 'direct', 'preparing', '{}', 1, 1)`).run();
    expect(() => db.prepare(`INSERT INTO migration_steps (migration_id, step, status) VALUES (1, 'dns-spf', 'maybe')`).run()).toThrow(/CHECK/);
    db.close();
  });
});
