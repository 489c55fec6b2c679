// Connection types and opening: WAL, synchronous=FULL, foreign keys, busy timeout.
import Database from 'better-sqlite3';
import type { Brand } from '../shared/ids';

/** The single read-write connection owned by the store (STYLE.md §5). */
export type WriteDb = Brand<Database.Database, 'WriteDb'>;

export interface OpenDatabaseOptions {
  /** Path to the SQLite file; ':memory:' for unit tests. */
  path: string;
  /** Path to a better_sqlite3.node built for this runtime (Electron's ABI differs from Node's). */
  nativeBinding?: string;
}

export function openDatabase({ path, nativeBinding }: OpenDatabaseOptions): WriteDb {
  const db = new Database(path, nativeBinding ? { nativeBinding } : {});
  // A 250 reply promises the message survives a power cut, so every commit must reach the
  // disk before anyone is told it happened. SQLite's synchronous=FULL would fsync the WAL
  // inside COMMIT, blocking the event loop that serves every SMTP session; instead COMMIT
  // only writes the WAL (NORMAL: in WAL mode it defers just that sync, checkpoints still
  // sync) and StoreWriter fdatasyncs the WAL on the thread pool before resolving commits
  // (wal-sync.ts). Durable at the same point, without stalling other sessions.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // The CLI may write while a host runs; wait for its short transactions instead of failing.
  db.pragma('busy_timeout = 5000');
  return db as WriteDb;
}
