// Migration 0090 on a database with blocklist checks in it: every row gets its return codes
// (none known before) and the kind of error its check had, read from the stored wording.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../engine/store/database';
import { migrate } from '../../../engine/store/migrate';
import { migrations } from '../../../engine/store/migrations/index';

const before = migrations.filter((m) => m.version < 90);
const through = migrations.filter((m) => m.version <= 90);

describe('0090-blocklist-answers', () => {
  it('adds return codes and the error kind, classifying the errors already stored', () => {
    const db = openDatabase({ path: ':memory:' });
    migrate(db, ':memory:', before);
    const insert = db.prepare(`INSERT INTO blocklist_status (target, list, target_kind, state, source, detail, delist_url, error, since, checked_at)
      VALUES (?, ?, 'ip', ?, 'dns', NULL, NULL, ?, 1, 2)`);
    insert.run('203.0.113.5', 'Spamhaus ZEN', 'unknown', 'Spamhaus ZEN: the list refuses queries that come through a public or open resolver (127.255.255.254)');
    insert.run('203.0.113.5', 'SpamCop', 'clear', 'SpamCop did not answer for 5.113.0.203.bl.spamcop.net (ETIMEOUT)');
    insert.run('203.0.113.5', 'Barracuda', 'listed', null);

    expect(migrate(db, ':memory:', through)).toMatchObject({ to: 90, applied: expect.arrayContaining(['0090-blocklist-answers']) });
    expect(db.prepare('SELECT list, error_kind AS errorKind, return_codes AS returnCodes FROM blocklist_status ORDER BY list').all()).toEqual([
      { list: 'Barracuda', errorKind: null, returnCodes: '[]' },
      { list: 'SpamCop', errorKind: 'failed', returnCodes: '[]' },
      { list: 'Spamhaus ZEN', errorKind: 'refused', returnCodes: '[]' },
    ]);
    expect(() => db.prepare(`UPDATE blocklist_status SET error_kind = 'maybe'`).run()).toThrow(/CHECK/);
    db.close();
  });
});
