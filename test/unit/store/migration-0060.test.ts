// Migration 0060 on a database with mail in it: the webhook, cursor and rollup tables
// appear, the received_at index becomes the covering search index, nothing is lost, and
// the purge finds bodies through the partial index.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../engine/store/database';
import { migrate } from '../../../engine/store/migrate';
import { migrations } from '../../../engine/store/migrations/index';

const before = migrations.filter((m) => m.version < 60);
const through = migrations.filter((m) => m.version <= 60);

describe('0060-webhooks-retention-analytics', () => {
  it('adds its tables and indexes and keeps existing mail', () => {
    const db = openDatabase({ path: ':memory:' });
    migrate(db, ':memory:', before);
    db.prepare(`INSERT INTO messages (id, received_at, source, stream, mail_from, sender_domain, subject, size, recipient_count, raw)
      VALUES ('Q1', 1000, 'smtp', 'bulk', 'a@shop.test', 'shop.test', 'Hi', 1, 1, x'78')`).run();
    db.prepare(`INSERT INTO events (at, type, message_id, data) VALUES (1000, 'message.accepted', 'Q1', '{}')`).run();

    expect(migrate(db, ':memory:', through)).toEqual({ from: 50, to: 60, applied: ['0060-webhooks-retention-analytics'] });
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as Array<{ name: string }>).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['webhook_endpoints', 'webhook_outbox', 'webhook_attempts', 'event_cursors', 'analytics_rollups', 'analytics_domain_providers']));
    const columns = (db.prepare(`SELECT name FROM pragma_index_info('messages_by_received_at')`).all() as Array<{ name: string }>).map((r) => r.name);
    expect(columns).toEqual(['received_at', 'stream', 'mail_from', 'subject', 'id']);
    expect(db.prepare(`SELECT id, subject FROM messages`).all()).toEqual([{ id: 'Q1', subject: 'Hi' }]);
    expect(db.prepare(`SELECT COUNT(*) AS count FROM events`).get()).toEqual({ count: 1 });

    const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT rowid FROM messages WHERE stream = 'bulk' AND raw IS NOT NULL AND received_at < 5000
      ORDER BY received_at`).all() as Array<{ detail: string }>).map((row) => row.detail);
    expect(plan.join(' | ')).toMatch(/messages_by_body_age/);
    db.close();
  });
});
