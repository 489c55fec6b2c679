// Adoption (issue 7), composed for the engine: provider migrations, the sandbox's inboxes
// and inspection, chaos rules in the delivery path, and first-send onboarding.
import type { EngineConfig } from '../config/index';
import type { EngineLog, SessionRecorder, TlsMaterial } from '../ingest/index';
import type { ListenerView } from '../api/contract';
import type { Store } from '../store/index';
import type { Clock } from '../shared/clock';
import type { EventBus } from '../events/index';
import type { DkimKeyring, RouteService } from '../delivery/index';
import type { DomainService } from '../domains/index';
import type { Webhooks } from '../webhooks/index';
import { Intake, type QueueCounters } from '../queue/index';
import { SuppressionService, type WarmupService } from '../policy/index';
import { createLookup, isNonPublicAddress } from '../dns/index';
import { spfMechanisms } from '../domains/index';
import { ChaosService } from '../chaos/index';
import { MigrationService, WEBHOOK_FORMATTERS, type WebhookHealth } from '../migration/index';
import { SandboxService } from '../sandbox/index';
import { OnboardingService } from '../onboarding/index';

export interface AdoptionDeps {
  config: EngineConfig;
  hostname: string;
  clock: Clock;
  store: Store;
  bus: EventBus;
  counters: QueueCounters;
  recorder: SessionRecorder;
  routes: RouteService;
  warmup: WarmupService;
  dkim: DkimKeyring;
  domains: DomainService;
  newQueueId(): string;
  /** Read when needed: composed after this. */
  webhooks(): Webhooks;
  listeners(): ListenerView[];
  tls(): TlsMaterial | null;
  apiUrl(): string | null;
  log: EngineLog;
}

export interface Adoption {
  readonly services: { migration: MigrationService; sandbox: SandboxService; chaos: ChaosService; onboarding: OnboardingService };
  /** The dispatcher's rehearsal hook. */
  readonly chaos: ChaosService;
  start(): void;
  stop(): void;
}

export function composeAdoption(deps: AdoptionDeps): Adoption {
  const { config, store, clock, routes } = deps;
  const lookup = createLookup(config.delivery.dns);
  const sources = () => [config.delivery.sourceAddresses.transactional, config.delivery.sourceAddresses.bulk].filter((a): a is string => a !== undefined);
  const publicSources = () => sources().filter((address) => !isNonPublicAddress(address));
  const relayHost = config.delivery.heloName ?? deps.hostname;
  const retryWindowMs = config.messages.retryWindowHours * 3_600_000;
  const migration = new MigrationService({
    store, clock, routes, lookup, hostname: deps.hostname, domains: deps.domains,
    suppressions: new SuppressionService(store, clock),
    newQueueId: deps.newQueueId,
    intakeFor: (route) => new Intake(store, deps.bus, deps.counters, clock, retryWindowMs, () => route),
    warmupPlans: () => deps.warmup.list(),
    recipientsOf: (messageId) => store.recipients.byMessage(messageId),
    webhookHealth: (since) => webhookHealth(deps.webhooks(), since),
    sourceAddresses: sources,
    relaySpf: () => spfMechanisms([...config.domains.spf.addresses, ...publicSources()], config.domains.spf.include, relayHost),
    alert: (message) => deps.bus.emit('alert.raised', { kind: 'migration', level: 'critical', message, at: clock.now() }),
    log: (message, details) => deps.log('warn', message, details),
  });
  const sandbox = new SandboxService({
    store, clock, lookup, hostname: deps.hostname,
    sign: (raw) => deps.dkim.sign(raw),
    sendingIp: () => config.domains.spf.addresses[0] ?? publicSources()[0] ?? null,
    spamd: { server: config.sandbox.spamd, timeoutMs: config.sandbox.spamdTimeoutMs },
    session: (id) => deps.recorder.view(id) ?? store.sessions.get(id),
  });
  const chaos = new ChaosService({ store, clock, routeExists: (name) => routes.get(name) !== undefined, timeoutMs: config.delivery.timeouts.socketMs });
  // A CLI reading the store has no running listeners: the configured ones still say where applications connect.
  const listeners = (): ListenerView[] => {
    const running = deps.listeners();
    return running.length ? running : config.listeners.map((l) => ({ ...l, state: 'stopped' as const, error: null, activeSessions: 0 }));
  };
  const onboarding = new OnboardingService({ store, hostname: deps.hostname, listeners, tls: deps.tls, apiUrl: deps.apiUrl });
  return {
    services: { migration, sandbox, chaos, onboarding },
    chaos,
    start() {
      migration.start();
      // Endpoints set to a provider's format (migration.webhookCompat) get its payloads.
      deps.webhooks().setBodyFormatter((endpoint, payloads, secret) => {
        const provider = migration.repo.webhookFormat(endpoint.id);
        if (!provider) return null;
        return WEBHOOK_FORMATTERS[provider](payloads.map((payload) => JSON.parse(payload)), { url: endpoint.url, secret, now: clock.now() });
      });
    },
    stop() {
      migration.stop();
    },
  };
}

/** Whether an enabled endpoint's last request since `since` succeeded, from the webhooks capability's own view. */
function webhookHealth(webhooks: Webhooks, since: number): WebhookHealth {
  const endpoints = webhooks.service.list();
  const enabled = endpoints.filter((endpoint) => endpoint.isEnabled);
  const recent = enabled.map((endpoint) => endpoint.lastAttempt).filter((attempt) => attempt !== null && attempt.at >= since);
  const success = recent.filter((attempt) => attempt!.isSuccess).map((attempt) => attempt!.at);
  const failure = recent.find((attempt) => !attempt!.isSuccess);
  return {
    endpoints: endpoints.length, enabled: enabled.length,
    lastSuccessAt: success.length ? Math.max(...success) : null,
    lastError: failure?.error ?? null,
  };
}

