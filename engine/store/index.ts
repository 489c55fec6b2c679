// The store: one SQLite file, one writer connection, one repo per aggregate.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openDatabase, type WriteDb } from './database';
import { migrate, type MigrationResult } from './migrate';
import { StoreWriter, defaultGroupCommit, type GroupCommitOptions, type WriterLog } from './writer';
import { MessagesRepo } from './repos/messages';
import { RecipientsRepo } from './repos/recipients';
import { SessionsRepo } from './repos/sessions';
import { CredentialsRepo } from './repos/credentials';
import { EventsRepo } from './repos/events';
import { SettingsRepo } from './repos/settings';

export type { WriteDb } from './database';
export type { GroupCommitOptions, WriterLog } from './writer';
export type { NewMessage, StoredMessage } from './repos/messages';
export type { NewRecipient } from './repos/recipients';
export type { SessionRecord } from './repos/sessions';
export type { StoredCredential } from './repos/credentials';
export type { NewEvent } from './repos/events';
export { defaultGroupCommit } from './writer';
export { acquireDataDirLock, lockHolder } from './data-dir-lock';
export type { DataDirLock } from './data-dir-lock';

export interface StoreOptions {
  path: string;
  groupCommit?: GroupCommitOptions;
  nativeBinding?: string;
  log?: WriterLog;
}

export interface Store {
  readonly path: string;
  readonly db: WriteDb;
  readonly writer: StoreWriter;
  readonly migration: MigrationResult;
  readonly messages: MessagesRepo;
  readonly recipients: RecipientsRepo;
  readonly sessions: SessionsRepo;
  readonly credentials: CredentialsRepo;
  readonly events: EventsRepo;
  readonly settings: SettingsRepo;
  close(): void;
}

export function openStore(options: StoreOptions): Store {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const db = openDatabase({ path: options.path, nativeBinding: options.nativeBinding });
  let migration: MigrationResult;
  try {
    migration = migrate(db, options.path);
  } catch (error) {
    db.close();
    throw error;
  }
  const writer = new StoreWriter(db, options.groupCommit ?? defaultGroupCommit, options.log);
  return {
    path: options.path,
    db,
    writer,
    migration,
    messages: new MessagesRepo(db),
    recipients: new RecipientsRepo(db),
    sessions: new SessionsRepo(db),
    credentials: new CredentialsRepo(db),
    events: new EventsRepo(db),
    settings: new SettingsRepo(db),
    close() {
      writer.close();
      db.close();
    },
  };
}
