// Webhooks capability: endpoints, the outbox fed from stored events, the dispatcher
// that signs and sends it, replay and the public event types.
import type { Store } from '../store/index';
import type { Clock } from '../shared/clock';
import type { SecretBox } from '../shared/secret-box';
import { EventFeed } from '../events/index';
import { EndpointsRepo } from './endpoints-repo';
import { OutboxRepo } from './outbox-repo';
import { WebhookDispatcher, type WebhookBodyFormatter, type WebhookDeliveryOptions } from './dispatcher';
import { WebhookFanOut } from './fan-out';
import { WebhookReplay } from './replay';
import { WebhookService } from './service';

export { WEBHOOK_EVENT_TYPES } from './event-map';
export type { WebhookBodyFormatter } from './dispatcher';

export interface Webhooks {
  readonly service: WebhookService;
  readonly replay: WebhookReplay;
  /** The fan-out's read position over stored events; wake it when events are stored. */
  readonly feed: EventFeed;
  /** Sends endpoints' bodies in another shape where the formatter says so (provider-shaped payloads). */
  setBodyFormatter(formatter: WebhookBodyFormatter | null): void;
  start(): void;
  stop(): Promise<void>;
}

export interface WebhookDeps {
  store: Store;
  secrets: SecretBox;
  clock: Clock;
  options: WebhookDeliveryOptions;
  log: (message: string, details: Record<string, unknown>) => void;
}

export function createWebhooks({ store, secrets, clock, options, log }: WebhookDeps): Webhooks {
  const endpoints = new EndpointsRepo(store.db);
  const outbox = new OutboxRepo(store.db);
  const dispatcher = new WebhookDispatcher(store, endpoints, outbox, secrets, clock, options, (attempt) => service.recordAttempt(attempt), log);
  const service = new WebhookService(store, endpoints, outbox, dispatcher, secrets, clock);
  const feed = new EventFeed(store, new WebhookFanOut(store.db, endpoints, outbox, clock, () => dispatcher.wake()), log);
  return {
    service,
    replay: new WebhookReplay(store, service, outbox, dispatcher, clock),
    feed,
    setBodyFormatter(formatter) {
      dispatcher.bodyFormatter = formatter;
    },
    start() {
      feed.start();
      dispatcher.start();
    },
    async stop() {
      feed.stop();
      await dispatcher.stop();
    },
  };
}
