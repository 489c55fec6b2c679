// Reporting: webhooks, analytics, retention and message search, composed for the engine.
// The first two read the stored events forward; the bus only tells them when to look.
import type { EngineConfig } from '../config/index';
import type { EngineLog } from '../ingest/index';
import type { Store } from '../store/index';
import type { Clock } from '../shared/clock';
import type { SecretBox } from '../shared/secret-box';
import { FactRecorder, type EventBus } from '../events/index';
import { createWebhooks, type Webhooks } from '../webhooks/index';
import { createAnalytics, type AnalyticsService } from '../analytics/index';
import { RetentionService } from '../retention/index';
import { MessageSearchService } from '../search/index';

export interface ReportingDeps {
  config: EngineConfig;
  version: string;
  store: Store;
  bus: EventBus;
  clock: Clock;
  secrets: SecretBox;
  log: EngineLog;
}

export interface Reporting {
  /** For the contract's handlers and topics. */
  readonly services: { webhooks: Webhooks; analytics: AnalyticsService; retention: RetentionService; search: MessageSearchService };
  start(): void;
  /** Stops reading events and waits for webhook requests in flight to be recorded. */
  stop(): Promise<void>;
}

export function composeReporting({ config, version, store, bus, clock, secrets, log }: ReportingDeps): Reporting {
  const warn = (message: string, details: Record<string, unknown>) => log('warn', message, details);
  const webhooks = createWebhooks({
    store, secrets, clock, log: warn,
    options: {
      retryInitialMs: config.webhooks.retryInitialMs,
      retryMaxMs: config.webhooks.retryMaxMs,
      retryWindowMs: config.webhooks.retryWindowHours * 3_600_000,
      requestTimeoutMs: config.webhooks.requestTimeoutMs,
      userAgent: `Relaydesk/${version} (webhooks)`,
    },
  });
  const analytics = createAnalytics(store, warn);
  const retention = new RetentionService(store, clock, (message, details) => log('info', message, details));
  const wake = () => {
    webhooks.feed.wake();
    analytics.feed.wake();
  };
  const facts = new FactRecorder(store, bus, wake);
  const stops = [bus.on('message.accepted', wake), bus.on('recipient.changed', wake), bus.on('queue.acted', wake)];
  return {
    services: { webhooks, analytics: analytics.service, retention, search: new MessageSearchService(store.db) },
    start() {
      webhooks.start();
      analytics.feed.start();
      retention.start();
    },
    async stop() {
      stops.forEach((stop) => stop());
      facts.stop();
      retention.stop();
      analytics.feed.stop();
      await webhooks.stop();
    },
  };
}
