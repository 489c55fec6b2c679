// 0050-email-api on a database at the version before it, with a message in it: the message
// is untouched, the new tables take their rows, and their constraints hold.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../engine/store/database';
import { migrate } from '../../../engine/store/migrate';
import { migrations } from '../../../engine/store/migrations/index';
import { TemplatesRepo } from '../../../engine/store/repos/templates';
import { IdempotencyKeysRepo } from '../../../engine/store/repos/idempotency-keys';

function atVersionBefore() {
  const db = openDatabase({ path: ':memory:' });
  migrate(db, ':memory:', migrations.filter((m) => m.version < 50));
  db.exec(`INSERT INTO messages (id, received_at, source, stream, mail_from, sender_domain, size, recipient_count)
             VALUES ('M1', 0, 'api', 'bulk', 'a@example.com', 'example.com', 1, 1)`);
  return db;
}

describe('0050-email-api', () => {
  it('adds its tables and leaves existing messages as they were', () => {
    const db = atVersionBefore();
    expect(migrate(db, ':memory:', migrations.filter((m) => m.version <= 50)).applied).toEqual(['0050-email-api']);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['templates', 'template_versions', 'message_extras', 'tracking_events', 'idempotency_keys', 'inbound_reports']));
    expect(db.prepare('SELECT id, source FROM messages').all()).toEqual([{ id: 'M1', source: 'api' }]);
    db.close();
  });

  it('keeps one live template per name (case-insensitive) and every version of it', () => {
    const db = atVersionBefore();
    migrate(db, ':memory:', migrations.filter((m) => m.version <= 50));
    const repo = new TemplatesRepo(db);
    const content = { subject: 's', html: null, text: 't', sampleData: {}, createdAt: 0 };
    const saved = repo.save('Welcome', content);
    expect(repo.save('welcome', content).currentVersion).toBe(2);
    expect(() => db.prepare("INSERT INTO templates (name, current_version, created_at, updated_at) VALUES ('WELCOME', 1, 0, 0)").run())
      .toThrow(/UNIQUE constraint failed/);
    repo.remove(saved.id, 1);
    expect(repo.save('welcome', content).id).not.toBe(saved.id);
    expect(repo.versions(saved.id).map((v) => v.version)).toEqual([2, 1]);
    db.close();
  });

  it('forgets an idempotency key once it expires', () => {
    const db = atVersionBefore();
    migrate(db, ':memory:', migrations.filter((m) => m.version <= 50));
    const repo = new IdempotencyKeysRepo(db);
    repo.begin({ credentialId: 1, key: 'k', requestHash: 'h', messageIds: ['M1'], createdAt: 0, expiresAt: 100 });
    expect(repo.get(1, 'k', 99)?.messageIds).toEqual(['M1']);
    expect(repo.get(1, 'k', 100)).toBeUndefined();
    expect(repo.purgeExpired(100, 10)).toBe(1);
    expect(() => db.prepare("INSERT INTO tracking_events (at, kind, message_id, is_automated) VALUES (0, 'view', 'M1', 0)").run()).toThrow(/CHECK constraint failed/);
    db.close();
  });
});
