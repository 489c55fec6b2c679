// The store: one SQLite file, one writer connection, one repo per aggregate.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openDatabase, type WriteDb } from './database';
import { migrate, type MigrationResult } from './migrate';
import { StoreWriter, defaultGroupCommit, type GroupCommitOptions, type WriterLog } from './writer';
import { WalSync } from './wal-sync';
import { startStoreWorker, type StoreWorker } from './store-worker';
import { MessagesRepo } from './repos/messages';
import { RecipientsRepo } from './repos/recipients';
import { RecipientCountsRepo } from './repos/recipient-counts';
import { SessionsRepo } from './repos/sessions';
import { CredentialsRepo } from './repos/credentials';
import { EventsRepo } from './repos/events';
import { SettingsRepo } from './repos/settings';
import { RoutesRepo } from './repos/routes';
import { SuppressionsRepo } from './repos/suppressions';
import { DeliveryQueueRepo } from './repos/delivery-queue';
import { AttemptsRepo } from './repos/attempts';
import { PausesRepo } from './repos/pauses';
import { DkimKeysRepo } from './repos/dkim-keys';
import { ThrottleRulesRepo } from './repos/throttle-rules';
import { SendCountersRepo } from './repos/send-counters';
import { WarmupPlansRepo } from './repos/warmup-plans';
import { TemplatesRepo } from './repos/templates';
import { MessageExtrasRepo } from './repos/message-extras';
import { TrackingEventsRepo } from './repos/tracking-events';
import { IdempotencyKeysRepo } from './repos/idempotency-keys';
import { InboundReportsRepo } from './repos/inbound-reports';

export type { WriteDb } from './database';
export type { GroupCommitOptions, WriterLog } from './writer';
export type { NewMessage, StoredMessage } from './repos/messages';
export type { NewRecipient, QueueCursor } from './repos/recipients';
export { RECIPIENT_STATES } from './repos/recipients';
export type { SessionRecord } from './repos/sessions';
export type { StoredCredential } from './repos/credentials';
export type { NewEvent } from './repos/events';
export type { StoredRoute, StoredSmarthost } from './repos/routes';
export type { NewSuppression } from './repos/suppressions';
export type { LeasedRow, LeasedMessage, Transition } from './repos/delivery-queue';
export type { NewAttempt, StoredAttempt } from './repos/attempts';
export type { StoredDkimKey } from './repos/dkim-keys';
export type { StoredWarmupPlan } from './repos/warmup-plans';
export type { StoredTemplate, StoredTemplateVersion } from './repos/templates';
export type { MessageExtras } from './repos/message-extras';
export type { NewTrackingEvent } from './repos/tracking-events';
export type { IdempotencyRecord } from './repos/idempotency-keys';
export type { NewInboundReport } from './repos/inbound-reports';
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
  /** Recipients per domain, stream and state (kept by triggers). */
  readonly recipientCounts: RecipientCountsRepo;
  readonly sessions: SessionsRepo;
  readonly credentials: CredentialsRepo;
  readonly events: EventsRepo;
  readonly settings: SettingsRepo;
  readonly routes: RoutesRepo;
  readonly suppressions: SuppressionsRepo;
  readonly deliveryQueue: DeliveryQueueRepo;
  readonly attempts: AttemptsRepo;
  readonly pauses: PausesRepo;
  readonly dkimKeys: DkimKeysRepo;
  readonly throttleRules: ThrottleRulesRepo;
  readonly sendCounters: SendCountersRepo;
  readonly warmupPlans: WarmupPlansRepo;
  readonly templates: TemplatesRepo;
  readonly messageExtras: MessageExtrasRepo;
  readonly trackingEvents: TrackingEventsRepo;
  readonly idempotencyKeys: IdempotencyKeysRepo;
  readonly inboundReports: InboundReportsRepo;
  /** Runs a read-only query on another thread, for reports that scan whole tables. */
  readOffThread<T>(sql: string, params: Record<string, unknown>): Promise<T[]>;
  /** Closes the writer and, once the worker thread has finished, resolves. */
  close(): Promise<void>;
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
  // Checkpoints and whole-table reads run on their own thread (store-worker.ts); an
  // in-memory database has no WAL and nothing another connection could see.
  let worker: StoreWorker | null = null;
  if (options.path !== ':memory:') {
    db.pragma('wal_autocheckpoint = 0');
    worker = startStoreWorker(options.path, options.nativeBinding, (message) => options.log?.('checkpoint-failed', { error: message }));
  }
  const recipientCounts = new RecipientCountsRepo(db);
  const writer = new StoreWriter(db, new WalSync(options.path === ':memory:' ? null : `${options.path}-wal`), options.groupCommit ?? defaultGroupCommit, options.log);
  return {
    path: options.path,
    db,
    writer,
    migration,
    messages: new MessagesRepo(db),
    recipients: new RecipientsRepo(db, recipientCounts),
    recipientCounts,
    sessions: new SessionsRepo(db),
    credentials: new CredentialsRepo(db),
    events: new EventsRepo(db),
    settings: new SettingsRepo(db),
    routes: new RoutesRepo(db),
    suppressions: new SuppressionsRepo(db),
    deliveryQueue: new DeliveryQueueRepo(db),
    attempts: new AttemptsRepo(db),
    pauses: new PausesRepo(db),
    dkimKeys: new DkimKeysRepo(db),
    throttleRules: new ThrottleRulesRepo(db),
    sendCounters: new SendCountersRepo(db),
    warmupPlans: new WarmupPlansRepo(db),
    templates: new TemplatesRepo(db),
    messageExtras: new MessageExtrasRepo(db),
    trackingEvents: new TrackingEventsRepo(db),
    idempotencyKeys: new IdempotencyKeysRepo(db),
    inboundReports: new InboundReportsRepo(db),
    readOffThread<T>(sql: string, params: Record<string, unknown>): Promise<T[]> {
      return worker ? worker.read<T>(sql, params) : Promise.resolve(db.prepare(sql).all(params) as T[]);
    },
    async close() {
      writer.close();
      db.close();
      await worker?.close();
    },
  };
}
export { openKeyFileSecretBox, SECRET_KEY_FILE } from './key-file-secret-box';
