// createEngine: the relay as one object. Hosts (Electron main, the headless CLI)
// import only this file; it never imports Electron or React.
import { hostname as osHostname } from 'node:os';
import { join } from 'node:path';
import type { EngineConfig } from './config/index';
import type { ApiClient, EngineStatus, ListenerView } from './api/contract';
import { ApiServer, FrameClient, createHandlers, createTopicSources } from './api/index';
import { acquireDataDirLock, openStore, type Store } from './store/index';
import { EventBus } from './events/index';
import { CredentialService } from './credentials/index';
import { AuthGuard, SlidingWindowLimiter } from './policy/index';
import { Intake, QueueCounters, releaseLeases } from './queue/index';
import { SessionRecorder, SmtpListeners, loadTlsMaterial, type EngineLog, type IngestContext, type TlsMaterial } from './ingest/index';
import { NetworkList } from './shared/networks';
import { createQueueIdGenerator } from './shared/ids';
import { systemClock, type Clock } from './shared/clock';

export interface EngineOptions {
  config: EngineConfig;
  dataDir: string;
  version: string;
  clock?: Clock;
  log?: EngineLog;
  /** better_sqlite3.node built for the host runtime (Electron's ABI differs from Node's). */
  nativeBinding?: string;
}

export interface Engine {
  readonly config: EngineConfig;
  readonly dataDir: string;
  readonly bus: EventBus;
  /** Serves the contract to hosts' transports (IPC, WebSocket). */
  readonly api: ApiServer;
  /** An in-process client of the same contract, validated like any other. */
  readonly client: ApiClient;
  /** Starts the SMTP listeners; a listener that fails is reported, not thrown. */
  start(): Promise<ListenerView[]>;
  /** Stops accepting, lets messages in DATA finish (up to `graceMs`), closes the store. */
  stop(graceMs?: number): Promise<void>;
  status(): EngineStatus;
  readonly tls: TlsMaterial | null;
}

export const DATABASE_FILE = 'relaydesk.db';

export function createEngine(options: EngineOptions): Engine {
  const { config, dataDir, version } = options;
  const clock = options.clock ?? systemClock;
  const log: EngineLog = options.log ?? (() => {});
  const hostname = config.hostname ?? osHostname();
  const startedAt = clock.now();

  const lock = acquireDataDirLock(dataDir);
  let store: Store;
  try {
    store = openStore({
      path: join(dataDir, DATABASE_FILE),
      nativeBinding: options.nativeBinding,
      groupCommit: { windowMs: config.store.groupCommitWindowMs, maxBatch: config.store.groupCommitMaxBatch, lazyFlushMs: 50 },
      log: (event, details) => log('warn', `store: ${event}`, details),
    });
  } catch (error) {
    lock.release();
    throw error;
  }
  const recovered = releaseLeases(store.db, startedAt);
  const orphans = store.sessions.closeOrphans(startedAt);
  if (recovered || orphans) log('info', 'recovered after an unclean stop', { recipientsRequeued: recovered, sessionsClosed: orphans });

  const bus = new EventBus((event, error) => log('error', `event listener failed for ${event}`, { error: String(error) }));
  const counters = new QueueCounters(store.recipients.countsByStreamAndState());
  const recorder = new SessionRecorder(store, bus, clock);
  const credentials = new CredentialService(store, clock);
  const stats = { accepted: 0, rejected: 0 };
  let listeners: SmtpListeners | null = null;
  let tls: TlsMaterial | null = null;

  const status = (): EngineStatus => ({
    version,
    startedAt,
    takenAt: clock.now(),
    dataDir,
    hostname,
    listeners: listeners?.views() ?? [],
    sessions: { active: recorder.activeCount(), sinceStart: recorder.inboundSinceStart },
    messages: { acceptedSinceStart: stats.accepted, rejectedSinceStart: stats.rejected },
    queue: counters.snapshot(),
  });

  const api = new ApiServer(
    createHandlers({ store, credentials, status }),
    createTopicSources({ bus, store, recorder, status }),
    (message, details) => log('error', message, details),
  );
  const client = new FrameClient((frame) => queueMicrotask(() => connection.receive(frame)));
  const connection = api.connect({ send: (frame) => client.receive(frame), pendingBytes: () => 0 });

  const context: IngestContext = {
    config,
    hostname,
    clock,
    bus,
    recorder,
    credentials,
    limiter: new SlidingWindowLimiter(clock),
    authGuard: new AuthGuard({
      failureDelayMs: config.auth.failureDelayMs,
      maxFailuresPerAddress: config.auth.maxFailuresPerAddress,
      windowMs: config.auth.failureWindowMs,
      lockoutMs: config.auth.lockoutMs,
    }, clock),
    trustedNetworks: new NetworkList(config.trustedNetworks),
    intake: new Intake(store, bus, counters, clock, config.messages.retryWindowHours * 3600_000),
    newQueueId: createQueueIdGenerator(() => clock.now()),
    stats,
    log,
  };

  let isStopped = false;
  return {
    config,
    dataDir,
    bus,
    api,
    client,
    get tls() {
      return tls;
    },
    async start() {
      tls = await loadTlsMaterial(config.tls, dataDir, hostname, clock.now());
      listeners = new SmtpListeners(context, tls);
      return listeners.start();
    },
    async stop(graceMs = 10_000) {
      if (isStopped) return;
      isStopped = true;
      await listeners?.stop(graceMs);
      connection.close();
      store.close();
      lock.release();
    },
    status,
  };
}

export type { EngineConfig, EngineConfigInput } from './config/index';
export { parseConfig, loadConfigFile } from './config/index';
export type { EngineLog } from './ingest/index';

