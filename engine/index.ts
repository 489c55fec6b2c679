// createEngine: the relay as one object. Hosts (Electron main, the headless CLI)
// import only this file; it never imports Electron or React.
import { hostname as osHostname } from 'node:os';
import { join } from 'node:path';
import type { EngineConfig } from './config/index';
import type { ApiClient, EngineStatus, ListenerView } from './api/contract';
import { ApiServer, FrameClient, createHandlers, createTopicSources } from './api/index';
import { acquireDataDirLock, openStore, type Store } from './store/index';
import { AlertLog, EventBus, MinuteStatsTracker } from './events/index';
import { CredentialService } from './credentials/index';
import { AuthGuard, SlidingWindowLimiter } from './policy/index';
import { DeliveryScheduler, OutcomeRecorder, PauseList, QueueCounters, releaseLeases, type DeliveryJob } from './queue/index';
import { Dispatcher, DkimKeyring, DsnNotifier, RouteService } from './delivery/index';
import { MxResolver } from './dns/index';
import { composeDomains } from './domains/index';
import { QuotaService, SuppressionService, ThrottleController, ThrottleRuleService, WarmupService, mergeRules } from './policy/index';
import { OperatorActions } from './queue/index';
import { openKeyFileSecretBox } from './store/index';
import type { SecretBox } from './shared/secret-box';
import { SessionRecorder, SmtpListeners, loadTlsMaterial, type EngineLog, type IngestContext, type TlsMaterial } from './ingest/index';
import { NetworkList } from './shared/networks';
import { createQueueIdGenerator } from './shared/ids';
import { EmailFeatures, type EmailApiStatus } from './email/index';
import { composeReporting } from './reporting/index';
import { composeAdoption } from './adoption/index';
import { systemClock, type Clock } from './shared/clock';

export interface EngineOptions {
  config: EngineConfig;
  dataDir: string;
  version: string;
  clock?: Clock;
  log?: EngineLog;
  /** better_sqlite3.node built for the host runtime (Electron's ABI differs from Node's). */
  nativeBinding?: string;
  /** Seals secrets at rest; the headless default is a key file in the data directory. */
  secrets?: SecretBox;
}

export interface Engine {
  readonly config: EngineConfig;
  readonly dataDir: string;
  readonly bus: EventBus;
  /** Serves the contract to hosts' transports (IPC, WebSocket). */
  readonly api: ApiServer;
  /** An in-process client of the same contract, validated like any other. */
  readonly client: ApiClient;
  /**
   * Starts the SMTP listeners (a listener that fails is reported, not thrown) and,
   * unless `delivery` is false, the delivery scheduler.
   */
  start(options?: { delivery?: boolean }): Promise<ListenerView[]>;
  /** Stops accepting, lets messages in DATA finish (up to `graceMs`), closes the store. */
  stop(graceMs?: number): Promise<void>;
  status(): EngineStatus;
  readonly tls: TlsMaterial | null;
  /** The Email API listener's URL, or why it failed; null when `api.enabled` is off. */
  readonly emailApi: EmailApiStatus | null;
}

export const DATABASE_FILE = 'relaydesk.db';
/** A lease not finished in this long is presumed lost (a hung connection) and requeued. */
const LEASE_MS = 15 * 60_000;
const LEASE_BATCH = 200;

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
  const secrets = options.secrets ?? openKeyFileSecretBox(dataDir);
  const routes = new RouteService(store, secrets, clock);
  const pauses = new PauseList(store, clock, bus);
  const throttle = new ThrottleController(clock, mergeRules([]), (change) => bus.emit('throttle.changed', change));
  const throttles = new ThrottleRuleService(store, throttle, clock);
  const quota = new QuotaService(store, bus, clock);
  const warmup = new WarmupService(store, clock, (name) => routes.get(name) !== undefined);
  const dkim = new DkimKeyring(store, secrets, clock);
  const outcomes = new OutcomeRecorder(store, bus, counters, clock);
  // Sending domains, blocklists, MTA-STS/DANE and the VERP return path (issue 5).
  const sending = composeDomains({ config, hostname, store, bus, clock, secrets, dkim, routes, pauses, log: (level, message, details) => log(level, message, details) });
  // Provider migrations, sandbox inboxes and inspection, chaos rules, first-send snippets (issue 7).
  const adoption = composeAdoption({
    config, hostname, clock, store, bus, counters, recorder, routes, warmup, dkim, domains: sending.domains, log,
    newQueueId: () => newQueueId(), webhooks: () => reporting.services.webhooks, listeners: () => status().listeners,
    tls: () => tls, apiUrl: () => email.apiStatus()?.url ?? null,
  });
  let scheduler: DeliveryScheduler | null = null;
  const wakeDelivery = () => scheduler?.markDue();
  const actions = new OperatorActions(store, bus, counters, clock, wakeDelivery);
  const dispatcher = new Dispatcher({
    store, bus, clock, config: config.delivery, hostname, routes, throttle, recorder, outcomes, quota, warmup, dkim,
    mx: new MxResolver(config.delivery.dns),
    tlsPolicy: sending.tlsPolicy, returnPaths: sending.returnPaths, bounceDomainFor: (domain) => sending.domains.bounceDomainFor(domain),
    sourceOf: (stream) => sending.blocklists.reroutes.sourceOf(stream),
    chaos: adoption.chaos,
    log: (level, message, details) => log(level, message, details),
    release: (job: DeliveryJob) => scheduler?.release(job.stream, job.recipients.length),
  });
  let listeners: SmtpListeners | null = null;
  let tls: TlsMaterial | null = null;

  const status = (): EngineStatus => ({
    version,
    startedAt,
    takenAt: clock.now(),
    dataDir,
    hostname,
    listeners: [...(listeners?.views() ?? []), ...email.views()],
    sessions: { active: recorder.activeCount(), sinceStart: recorder.inboundSinceStart },
    messages: { acceptedSinceStart: stats.accepted, rejectedSinceStart: stats.rejected },
    queue: counters.snapshot(),
    store: { commits: store.writer.stats.batches, durableWrites: store.writer.stats.durableOps, lastCommitMs: Math.round(store.writer.stats.lastBatchMs * 100) / 100 },
    delivery: {
      mode: routes.isSandboxOnly() ? 'sandbox' : 'live',
      isRunning: scheduler !== null,
      inFlight: { ...(scheduler?.inFlightCounts ?? { transactional: 0, bulk: 0 }) },
      pauses: pauses.list(),
    },
  });

  const newQueueId = createQueueIdGenerator(() => clock.now());
  const limiter = new SlidingWindowLimiter(clock);
  const authGuard = new AuthGuard({
    failureDelayMs: config.auth.failureDelayMs,
    maxFailuresPerAddress: config.auth.maxFailuresPerAddress,
    windowMs: config.auth.failureWindowMs,
    lockoutMs: config.auth.lockoutMs,
  }, clock);
  // Templates, tracking, the Email API and the inbound listener; its intake composes every submission.
  const email = new EmailFeatures({
    config, hostname, clock, store, bus, counters, secrets, recorder, credentials, limiter, authGuard, stats, newQueueId, log,
    retryWindowMs: config.messages.retryWindowHours * 3600_000,
    chooseRoute: (stream, senderDomain) => routes.choose(stream, senderDomain),
    returnPaths: sending.returnPaths,
    bounceDomainFor: (domain) => sending.domains.bounceDomainFor(domain),
    bounceDomains: () => sending.domains.bounceDomains(),
    onFinalFailure: (messageId, failures) => outcomes.onFinalFailure(messageId, failures),
    senderDomainRefusal: (domain, stream) => sending.domains.refusal(domain, stream),
  });
  // Webhooks, analytics, retention and message search (issue 6).
  const reporting = composeReporting({ config, version, store, bus, clock, secrets, log });
  const services = {
    ...reporting.services,
    ...adoption.services,
    templates: email.templates,
    store, bus, recorder, credentials, routes, pauses, actions, dkim, throttles, quota, warmup, status, wakeDelivery,
    suppressions: new SuppressionService(store, clock),
    stats: new MinuteStatsTracker(clock, bus, store),
    alerts: new AlertLog(store, bus),
    domains: sending.domains,
    blocklists: sending.blocklists,
  };
  const api = new ApiServer(
    createHandlers(services),
    createTopicSources(services),
    (message, details) => log('error', message, details),
  );
  const client = new FrameClient((frame) => queueMicrotask(() => connection.receive(frame)));
  const connection = api.connect({ send: (frame) => client.receive(frame), pendingBytes: () => 0 });

  const intake = email.intake;
  const dsn = new DsnNotifier({
    store, intake, clock, hostname, config: config.delivery.dsn, newQueueId,
    log: (level, message, details) => log(level, message, details),
  });
  outcomes.onFinalFailure = (messageId, failures) => {
    void dsn.onFinalFailure(messageId, failures).catch((error: unknown) => log('warn', 'could not queue a delivery status notification', { messageId, error: String(error) }));
  };
  const context: IngestContext = {
    config,
    hostname,
    clock,
    bus,
    recorder,
    credentials,
    limiter,
    authGuard,
    trustedNetworks: new NetworkList(config.trustedNetworks),
    senderDomainRefusal: (domain, stream) => sending.domains.refusal(domain, stream),
    intake,
    newQueueId,
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
    get emailApi() {
      return email.apiStatus();
    },
    async start(startOptions = {}) {
      tls = await loadTlsMaterial(config.tls, dataDir, hostname, clock.now());
      listeners = new SmtpListeners(context, tls);
      const views = [...(await listeners.start()), ...(await email.start(tls))];
      sending.start();
      reporting.start();
      adoption.start();
      if (startOptions.delivery !== false) {
        scheduler = new DeliveryScheduler(store, dispatcher, counters, pauses, clock, {
          maxInFlight: config.delivery.maxInFlight, leaseMs: LEASE_MS, batchSize: LEASE_BATCH, fallbackRoute: 'sandbox',
          leasingBlockedUntil: () => (quota.isExhausted() ? quota.status().resetsAt : null),
          // The address a stream sends from now (the alternative while its own is listed), for source pauses.
          sourceAddressOf: (stream) => sending.blocklists.reroutes.sourceOf(stream).address,
          sendAllowance: () => quota.remainingToday(),
        });
        bus.on('message.accepted', (message) => scheduler?.markDue(message.stream));
        scheduler.start();
        dsn.start();
      }
      return views;
    },
    async stop(graceMs = 10_000) {
      if (isStopped) return;
      isStopped = true;
      await Promise.all([listeners?.stop(graceMs), email.stop(graceMs)]);
      dsn.stop();
      sending.stop();
      adoption.stop();
      if (scheduler) await stopDelivery(scheduler, dispatcher, store, counters, clock, graceMs);
      await reporting.stop();
      connection.close();
      await store.close();
      lock.release();
    },
    status,
  };
}

/**
 * Stops leasing, hands unsent jobs back to the queue, and gives transactions already on
 * the wire until `graceMs` to finish and be recorded.
 */
async function stopDelivery(scheduler: DeliveryScheduler, dispatcher: Dispatcher, store: Store, counters: QueueCounters, clock: Clock, graceMs: number): Promise<void> {
  scheduler.stop();
  const unsent = await dispatcher.stop();
  if (unsent.length) {
    const now = clock.now();
    await store.writer.commit(() => {
      for (const job of unsent) {
        for (const recipient of job.recipients) {
          store.deliveryQueue.apply({ id: recipient.id, state: 'queued', attemptsDelta: 0, nextAttemptAt: now, lastReply: null, reason: null, at: now });
        }
      }
    });
    for (const job of unsent) {
      counters.move(job.stream, 'sending', 'queued', job.recipients.length);
      scheduler.release(job.stream, job.recipients.length);
    }
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && (scheduler.inFlightCounts.transactional > 0 || scheduler.inFlightCounts.bulk > 0)) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export type { EngineConfig, EngineConfigInput } from './config/index';
export { parseConfig, loadConfigFile } from './config/index';
export type { EngineLog } from './ingest/index';

