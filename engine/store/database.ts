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
  // A 250 reply promises the message survives a power cut, so every commit is fsynced
  // (FULL); group commit amortises that fsync over a batch of messages.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // The CLI may write while a host runs; wait for its short transactions instead of failing.
  db.pragma('busy_timeout = 5000');
  return db as WriteDb;
}
