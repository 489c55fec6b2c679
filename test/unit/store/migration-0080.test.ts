// Migration 0080 on a database with tracking events and inbound reports in it: nothing is
// lost, and retention's walks and inbound.list by message read through the new indexes.
import { describe, expect, it } from 'vitest';
import { openDatabase, type WriteDb } from '../../../engine/store/database';
import { migrate } from '../../../engine/store/migrate';
import { migrations } from '../../../engine/store/migrations/index';

const before = migrations.filter((m) => m.version < 80);
const through = migrations.filter((m) => m.version <= 80);

function plan(db: WriteDb, sql: string): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((row) => row.detail).join(' | ');
}

describe('0080-retention-coverage', () => {
  it('indexes inbound reports by message and the rows that still carry content', () => {
    const db = openDatabase({ path: ':memory:' });
    migrate(db, ':memory:', before);
    db.prepare(`INSERT INTO tracking_events (at, kind, message_id, url, user_agent, ip, is_automated) VALUES (1000, 'click', 'Q1', 'https://shop.test/', 'Mozilla', '192.0.2.1', 0)`).run();
    db.prepare(`INSERT INTO inbound_reports (at, kind, mail_from, rcpt_to, message_id, outcome, detail, fields)
      VALUES (2000, 'arf', 'fbl@isp.test', 'fbl@relay.test', 'Q1', 'complaint', 'Spam complaint', '{"feedback-type":"abuse"}')`).run();

    expect(migrate(db, ':memory:', through)).toEqual({ from: 70, to: 80, applied: ['0080-retention-coverage'] });
    expect(db.prepare('SELECT message_id, url FROM tracking_events').all()).toEqual([{ message_id: 'Q1', url: 'https://shop.test/' }]);
    expect(db.prepare('SELECT message_id, fields FROM inbound_reports').all()).toEqual([{ message_id: 'Q1', fields: '{"feedback-type":"abuse"}' }]);

    expect(plan(db, `SELECT * FROM inbound_reports WHERE message_id = 'Q1' ORDER BY id DESC LIMIT 10`)).toMatch(/inbound_reports_by_message/);
    expect(plan(db, `SELECT id FROM tracking_events t WHERE (t.url IS NOT NULL OR t.user_agent IS NOT NULL OR t.ip IS NOT NULL)
      AND t.at < 5000 AND (t.at, t.id) > (-1, -1) ORDER BY t.at, t.id LIMIT 10`)).toMatch(/tracking_events_with_details/);
    expect(plan(db, `SELECT id FROM inbound_reports r WHERE r.fields <> '{}' AND r.at < 5000 AND (r.at, r.id) > (-1, -1)
      ORDER BY r.at, r.id LIMIT 10`)).toMatch(/inbound_reports_with_fields/);
    // Cleared rows leave the partial indexes.
    db.prepare(`UPDATE tracking_events SET url = NULL, user_agent = NULL, ip = NULL`).run();
    db.prepare(`UPDATE inbound_reports SET fields = '{}'`).run();
    expect(db.prepare(`SELECT COUNT(*) AS n FROM tracking_events INDEXED BY tracking_events_with_details
      WHERE (url IS NOT NULL OR user_agent IS NOT NULL OR ip IS NOT NULL) AND at < 5000`).get()).toEqual({ n: 0 });
    expect(db.prepare(`SELECT COUNT(*) AS n FROM inbound_reports INDEXED BY inbound_reports_with_fields WHERE fields <> '{}' AND at < 5000`).get()).toEqual({ n: 0 });
    db.close();
  });
});
