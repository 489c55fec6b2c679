// The single writer's group commit: concurrent commits share one transaction, a failing
// operation fails alone, and callbacks run only once the batch is on disk (checked from
// a second connection, as another process would see it).
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type WriteDb } from '../../../engine/store/database';
import { StoreWriter, type GroupCommitOptions, type WriterLog } from '../../../engine/store/writer';
import { WalSync } from '../../../engine/store/wal-sync';
import { ConflictError, StoreError } from '../../../engine/shared/errors';
import { removeTempDirs, tempDir } from '../../support/temp-dir';

let db: WriteDb;
let path: string;
let reader: Database.Database;
let writer: StoreWriter;
let logged: Array<Parameters<WriterLog>>;

const insert = (value: string) => (target: WriteDb) => target.prepare('INSERT INTO items (value) VALUES (?)').run(value).lastInsertRowid;
const committed = () => (reader.prepare('SELECT value FROM items ORDER BY id').all() as Array<{ value: string }>).map((row) => row.value);

function open(options: GroupCommitOptions = { windowMs: 5, maxBatch: 100, lazyFlushMs: 20 }): void {
  writer = new StoreWriter(db, new WalSync(`${path}-wal`), options, (...entry) => logged.push(entry));
}

beforeEach(() => {
  path = join(tempDir(), 'writer.db');
  db = openDatabase({ path });
  db.exec('CREATE TABLE items (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE) STRICT');
  reader = new Database(path, { readonly: true });
  logged = [];
  open();
});

afterEach(() => {
  writer.close();
  reader.close();
  db.close();
});
afterAll(() => removeTempDirs());

describe('group commit', () => {
  it('commits concurrent durable writes in one batch and resolves each with its own result', async () => {
    const results = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((value) => writer.commit(insert(value))));
    expect(results).toEqual([1, 2, 3, 4, 5]);
    expect(writer.stats).toMatchObject({ batches: 1, durableOps: 5, lazyOps: 0 });
    expect(committed()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('commits a full batch at once, without waiting for the window', async () => {
    writer.close();
    open({ windowMs: 100, maxBatch: 3, lazyFlushMs: 20 });
    const first = [writer.commit(insert('a')), writer.commit(insert('b')), writer.commit(insert('c'))];
    expect(writer.stats.batches).toBe(1); // synchronously, at the third commit
    expect(committed()).toEqual(['a', 'b', 'c']);
    await Promise.all(first);
  });

  it('resolves a commit only after the batch is visible to another connection', async () => {
    const seenAtResolve = await writer.commit(insert('durable')).then(() => committed());
    expect(seenAtResolve).toEqual(['durable']);
  });

  it('rejects only the failing operation; the rest of the batch commits', async () => {
    await writer.commit(insert('taken'));
    const outcomes = await Promise.allSettled([
      writer.commit(insert('one')),
      writer.commit(insert('taken')),
      writer.commit(() => {
        throw new ConflictError('already there', { value: 'x' });
      }),
      writer.commit(insert('two')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    const driverFailure = (outcomes[1] as PromiseRejectedResult).reason as StoreError;
    expect(driverFailure).toBeInstanceOf(StoreError);
    expect(driverFailure.message).toBe('Could not write to the store: UNIQUE constraint failed: items.value');
    // A refusal raised by the work itself keeps its own class and code.
    expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    expect(committed()).toEqual(['taken', 'one', 'two']);
    expect(logged.map(([event]) => event)).toEqual(['batch-retried']);
  });
});

describe('best-effort work', () => {
  it('rides along with the next durable batch, and afterCommit runs once it is on disk', async () => {
    const seenAfterCommit: string[][] = [];
    writer.defer(insert('lazy'), () => seenAfterCommit.push(committed()));
    await writer.commit(insert('durable'));
    expect(writer.stats).toMatchObject({ batches: 1, durableOps: 1, lazyOps: 1 });
    expect(seenAfterCommit).toEqual([['durable', 'lazy']]);
  });

  it('is written on its own after lazyFlushMs when no durable write comes', async () => {
    const written = new Promise<string[]>((resolve) => writer.defer(insert('alone'), () => resolve(committed())));
    expect(committed()).toEqual([]);
    expect(await written).toEqual(['alone']);
  });

  it('a failing best-effort operation is logged, never announced, and never costs a durable write its commit', async () => {
    const afterCommit: string[] = [];
    writer.defer(() => {
      throw new Error('transcript row rejected');
    }, () => afterCommit.push('failed-op'));
    await writer.commit(insert('message'));
    expect(committed()).toEqual(['message']);
    expect(logged.map(([event, details]) => [event, details.error ?? null])).toEqual([
      ['batch-retried', 'Error: transcript row rejected'],
      ['lazy-op-failed', 'transcript row rejected'],
    ]);
    expect(afterCommit).toEqual([]);
  });
});

describe('close', () => {
  it('flushes what is pending and refuses later work', async () => {
    const pending = writer.commit(insert('last'));
    writer.defer(insert('last-lazy'));
    writer.close();
    await pending;
    expect(committed()).toEqual(['last', 'last-lazy']);
    await expect(writer.commit(insert('late'))).rejects.toThrow(new StoreError('The store is closed.'));
  });
});
