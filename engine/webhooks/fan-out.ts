// Reads stored events forward (events/event-feed.ts) and queues the public events each
// stands for to every endpoint whose filters let it through, enabled or not: a disabled
// endpoint keeps accumulating and catches up when it is enabled again.
import type { WebhookEvent } from '../api/contract';
import type { WriteDb } from '../store/index';
import type { Clock } from '../shared/clock';
import { EventContextLoader, type FeedConsumer, type StoredEvent } from '../events/index';
import type { EndpointsRepo, StoredEndpoint } from './endpoints-repo';
import type { OutboxRepo } from './outbox-repo';
import { senderDomainOf, toWebhookEvents } from './event-map';

export class WebhookFanOut implements FeedConsumer {
  readonly name = 'webhooks';
  private readonly contexts: EventContextLoader;

  constructor(
    db: WriteDb,
    private readonly endpoints: EndpointsRepo,
    private readonly outbox: OutboxRepo,
    private readonly clock: Clock,
    readonly afterCommit: () => void,
  ) {
    this.contexts = new EventContextLoader(db);
  }

  consume(_db: WriteDb, events: StoredEvent[]): void {
    // Endpoints see only events stored after they were created; history before any exists is skipped cheaply.
    const endpoints = this.endpoints.all();
    if (endpoints.length === 0) return;
    const context = this.contexts.load(events);
    const now = this.clock.now();
    for (const event of events) {
      const targets = endpoints.filter((endpoint) => event.id > endpoint.startEventId);
      if (targets.length === 0) continue;
      for (const published of toWebhookEvents(event, context)) {
        for (const endpoint of targets) if (matches(endpoint, published)) this.outbox.enqueue(endpoint.id, published, now);
      }
    }
  }
}

/** Whether an endpoint's filters let an event through; events about no message pass stream filters. */
export function matches(endpoint: Pick<StoredEndpoint, 'eventTypes' | 'streams' | 'senderDomains'>, event: WebhookEvent): boolean {
  if (event.type === 'webhook.test') return true;
  if (endpoint.eventTypes.length && !endpoint.eventTypes.includes(event.type)) return false;
  if (endpoint.streams.length && event.message && !endpoint.streams.includes(event.message.stream)) return false;
  if (endpoint.senderDomains.length) {
    const domain = senderDomainOf(event);
    if (domain !== null && !endpoint.senderDomains.includes(domain.toLowerCase())) return false;
  }
  return true;
}
