// Reads a relay's SQLite file directly, as an operator's sqlite3 shell would: what is
// on disk, not what the engine says. Read-only, so it never disturbs the engine's writer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export const DATABASE_FILE = 'relaydesk.db';

export interface StoredRow {
  id: string;
  raw: Buffer;
  stream: string;
  credential_id: number | null;
  session_id: string | null;
}

export interface StoreFile {
  messageCount(): number;
  message(id: string): StoredRow | undefined;
  recipientStates(messageId: string): Array<{ address: string; state: string }>;
  /** Sessions rows, oldest first. */
  sessions(): Array<Record<string, unknown>>;
  sessionLines(sessionId?: string): Array<{ session_id: string; seq: number; kind: string; text: string }>;
  close(): void;
}

export function openStoreFile(dataDir: string): StoreFile {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return {
    messageCount: () => (db.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number }).n,
    message: (id) => db.prepare('SELECT id, raw, stream, credential_id, session_id FROM messages WHERE id = ?').get(id) as StoredRow | undefined,
    recipientStates: (messageId) =>
      db.prepare('SELECT address, state FROM recipients WHERE message_id = ? ORDER BY id').all(messageId) as Array<{ address: string; state: string }>,
    sessions: () => db.prepare('SELECT * FROM sessions ORDER BY started_at, id').all() as Array<Record<string, unknown>>,
    sessionLines: (sessionId) => ((sessionId
      ? db.prepare('SELECT session_id, lines FROM transcript_chunks WHERE session_id = ? ORDER BY first_seq').all(sessionId)
      : db.prepare('SELECT session_id, lines FROM transcript_chunks ORDER BY session_id, first_seq').all()) as Array<{ session_id: string; lines: string }>)
      .flatMap((chunk) => (JSON.parse(chunk.lines) as Array<[number, number, string, string]>)
        .map(([seq, , kind, text]) => ({ session_id: chunk.session_id, seq, kind, text }))),
    close: () => db.close(),
  };
}

/** Runs `read` against the store file and closes it. */
export function withStoreFile<T>(dataDir: string, read: (store: StoreFile) => T): T {
  const store = openStoreFile(dataDir);
  try {
    return read(store);
  } finally {
    store.close();
  }
}

/** The database, its WAL and shared-memory files as bytes, for "never stored anywhere" checks. */
export function storeFileBytes(dataDir: string): Buffer {
  const files = [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`].map((name) => join(dataDir, name));
  // The WAL and its index disappear when the last connection closes; read what is there.
  return Buffer.concat(files.flatMap((file) => {
    try {
      return [readFileSync(file)];
    } catch {
      return [];
    }
  }));
}
