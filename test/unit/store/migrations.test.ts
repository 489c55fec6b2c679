// The migration runner and the shipped list: the list matches the files on disk, a fresh
// database migrates in one transaction, and a database from the future is refused.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type WriteDb } from '../../../engine/store/database';
import { migrate } from '../../../engine/store/migrate';
import { migrations, type Migration } from '../../../engine/store/migrations/index';
import { openStore } from '../../../engine/store/index';
import { StoreFromFutureError } from '../../../engine/shared/errors';
import { removeTempDirs, tempDir } from '../../support/temp-dir';

const MIGRATIONS_DIR = resolve(import.meta.dirname, '../../../engine/store/migrations');
const userVersion = (db: Database.Database) => db.pragma('user_version', { simple: true }) as number;
const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);

afterAll(() => removeTempDirs());

describe('the shipped list', () => {
  it('names exactly the migration files on disk, in order', () => {
    const files = readdirSync(MIGRATIONS_DIR).filter((file) => file !== 'index.ts').sort();
    expect(files.every((file) => /^\d{4}-[a-z0-9-]+\.ts$/.test(file)), files.join(', ')).toBe(true);
    expect(migrations.map((m) => `${m.name}.ts`)).toEqual(files);
  });

  it('numbers them by their file prefix, increasing in steps of 10', () => {
    for (const migration of migrations) expect(migration.version).toBe(Number(migration.name.slice(0, 4)));
    migrations.forEach((migration, i) => {
      expect(migration.version % 10).toBe(0);
      if (i > 0) expect(migration.version).toBeGreaterThan(migrations[i - 1]!.version);
    });
  });
});

describe('migrate', () => {
  it('brings a fresh database to the latest version in one go', () => {
    const db = openDatabase({ path: ':memory:' });
    const result = migrate(db, ':memory:');
    const latest = migrations.at(-1)!.version;
    expect(result).toEqual({ from: 0, to: latest, applied: migrations.map((m) => m.name) });
    expect(userVersion(db)).toBe(latest);
    expect(tables(db)).toEqual(expect.arrayContaining(['credentials', 'events', 'messages', 'recipients', 'sessions', 'settings', 'transcript_chunks']));
    expect(migrate(db, ':memory:')).toEqual({ from: latest, to: latest, applied: [] });
    db.close();
  });

  it('refuses a database written by a newer Relaydesk with StoreFromFutureError, and leaves it as it was', () => {
    const path = join(tempDir(), 'future.db');
    const future = new Database(path);
    future.pragma('user_version = 9990');
    future.close();
    const latest = migrations.at(-1)!.version;
    let error: unknown;
    try {
      openStore({ path });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StoreFromFutureError);
    expect(error).toMatchObject({ code: 'store_from_future', databaseVersion: 9990, supportedVersion: latest });
    expect((error as Error).message).toBe(`The database at ${path} has schema version 9990, but this Relaydesk understands versions ` +
      `up to ${latest}. It was written by a newer Relaydesk; upgrade Relaydesk or point --data-dir at another directory.`);
    const reopened = new Database(path, { readonly: true });
    expect([userVersion(reopened), tables(reopened)]).toEqual([9990, []]);
    reopened.close();
  });

  const step = (version: number, sql: string): Migration => ({ version, name: `${version}-test`, up: (db: WriteDb) => db.exec(sql) });

  it('runs only the pending migrations', () => {
    const db = openDatabase({ path: ':memory:' });
    migrate(db, ':memory:', [step(10, 'CREATE TABLE a (x INTEGER) STRICT')]);
    const result = migrate(db, ':memory:', [step(10, 'CREATE TABLE a (x INTEGER) STRICT'), step(20, 'CREATE TABLE b (y INTEGER) STRICT')]);
    expect(result).toEqual({ from: 10, to: 20, applied: ['20-test'] });
    expect(tables(db)).toEqual(['a', 'b']);
    db.close();
  });

  it('rolls back every pending migration and the version when one of them fails', () => {
    const db = openDatabase({ path: ':memory:' });
    const list = [step(10, 'CREATE TABLE a (x INTEGER) STRICT'), step(20, 'CREATE TABLE a (again INTEGER)')];
    expect(() => migrate(db, ':memory:', list)).toThrow(/table a already exists/);
    expect([userVersion(db), tables(db)]).toEqual([0, []]);
    db.close();
  });

  it('refuses a list whose versions do not increase', () => {
    const db = openDatabase({ path: ':memory:' });
    expect(() => migrate(db, ':memory:', [step(20, 'SELECT 1'), step(10, 'SELECT 1')]))
      .toThrow('Migration versions must increase: 10-test after 20-test');
    db.close();
  });
});

describe('0010-create-core', () => {
  const core = migrations.filter((m) => m.version <= 10);
  const fresh = () => {
    const db = openDatabase({ path: ':memory:' });
    migrate(db, ':memory:', core);
    return db;
  };

  it('makes STRICT tables: a value of the wrong type is refused', () => {
    const db = fresh();
    expect(() => db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('k', 'v', 'yesterday')`).run())
      .toThrow(/cannot store TEXT value in INTEGER column/);
    db.close();
  });

  it('allows one live credential per username, any number of revoked ones', () => {
    const db = fresh();
    const insert = db.prepare(`INSERT INTO credentials (name, username, secret_hash, sender_domains, stream, client_networks,
      rate_limit_messages, rate_limit_window_ms, is_enabled, created_at, updated_at, revoked_at)
      VALUES ('n', 'app', 'h', '[]', 'transactional', '[]', 1, 1000, 1, 0, 0, ?)`);
    insert.run(1);
    insert.run(2);
    insert.run(null);
    expect(() => insert.run(null)).toThrow(/UNIQUE constraint failed: credentials\.username/);
    db.close();
  });

  it('checks recipient states, and deletes a message\'s recipients and a session\'s lines with them', () => {
    const db = fresh();
    db.exec(`INSERT INTO messages (id, received_at, source, stream, mail_from, sender_domain, size, recipient_count)
               VALUES ('M1', 0, 'smtp', 'transactional', 'a@example.com', 'example.com', 1, 1);
             INSERT INTO recipients (message_id, address, domain, stream, state, next_attempt_at, expires_at, created_at, updated_at)
               VALUES ('M1', 'r@dest.test', 'dest.test', 'transactional', 'queued', 0, 0, 0, 0);
             INSERT INTO sessions (id, direction, remote_address, started_at) VALUES ('S1', 'inbound', '127.0.0.1', 0);
             INSERT INTO transcript_chunks (session_id, first_seq, last_seq, lines) VALUES ('S1', 1, 1, '[[1,0,"info","hello"]]');`);
    expect(() => db.prepare(`INSERT INTO recipients (message_id, address, domain, stream, state, next_attempt_at, expires_at,
      created_at, updated_at) VALUES ('M1', 'r@dest.test', 'dest.test', 'transactional', 'lost', 0, 0, 0, 0)`).run()).toThrow(/CHECK constraint failed/);
    db.exec('DELETE FROM messages; DELETE FROM sessions;');
    const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect([count('recipients'), count('transcript_chunks')]).toEqual([0, 0]);
    db.close();
  });
});
