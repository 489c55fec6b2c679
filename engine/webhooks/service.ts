// Webhook endpoints as the contract sees them: create, change, remove, rotate the
// secret, read the attempt log and queue, send a test event.
import type { Page, WebhookActivity, WebhookAttemptView, WebhookDeliveryView, WebhookInput, WebhookIssued, WebhookView } from '../api/contract';
import type { Store } from '../store/index';
import type { Clock } from '../shared/clock';
import type { SecretBox } from '../shared/secret-box';
import { NotFoundError, ValidationError } from '../shared/errors';
import { isValidDomain, normalizeDomain } from '../shared/domains';
import type { EndpointSettings, EndpointsRepo, StoredEndpoint } from './endpoints-repo';
import type { OutboxRepo } from './outbox-repo';
import type { WebhookDispatcher } from './dispatcher';
import { generateWebhookSecret } from './signature';

const DEFAULTS: Omit<EndpointSettings, 'name' | 'url' | 'secretSealed'> = {
  isEnabled: true, eventTypes: [], streams: [], senderDomains: [], format: 'json', batchSize: 100, batchIntervalMs: 1000,
};

/** How many of the latest attempts the recent success rate covers. */
const RECENT_ATTEMPTS = 100;

export class WebhookService {
  private readonly listeners = new Set<(activity: WebhookActivity) => void>();

  constructor(
    private readonly store: Store,
    private readonly endpoints: EndpointsRepo,
    private readonly outbox: OutboxRepo,
    private readonly dispatcher: WebhookDispatcher,
    private readonly secrets: SecretBox,
    private readonly clock: Clock,
  ) {}

  list(): WebhookView[] {
    return this.endpoints.all().map((endpoint) => this.view(endpoint));
  }

  get(id: number): WebhookView {
    return this.view(this.require(id));
  }

  async create(input: WebhookInput): Promise<WebhookIssued> {
    const secret = generateWebhookSecret();
    const settings = validate({ ...DEFAULTS, ...input, secretSealed: this.secrets.seal(secret) });
    const id = await this.store.writer.commit(() => this.endpoints.insert(settings, this.clock.now()));
    return { webhook: this.changed(id), secret };
  }

  async update(id: number, patch: Partial<WebhookInput>): Promise<WebhookView> {
    const current = this.require(id);
    const settings = validate({ ...current, ...patch });
    const isReenabled = settings.isEnabled && !current.isEnabled;
    await this.store.writer.commit(() => {
      const now = this.clock.now();
      this.endpoints.update(id, settings, now);
      // What accumulated while it was off gets a full retry window and is sent at once.
      if (isReenabled) {
        this.outbox.restartWindow(id, now);
        this.endpoints.setBackoff(id, 0, 0);
      }
    });
    this.dispatcher.wake();
    return this.changed(id);
  }

  async remove(id: number): Promise<boolean> {
    const removed = await this.store.writer.commit(() => this.endpoints.remove(id));
    if (removed) this.publish({ kind: 'removed', webhookId: id });
    return removed;
  }

  async rotateSecret(id: number): Promise<WebhookIssued> {
    const current = this.require(id);
    const secret = generateWebhookSecret();
    await this.store.writer.commit(() => this.endpoints.update(id, { ...current, secretSealed: this.secrets.seal(secret) }, this.clock.now()));
    return { webhook: this.changed(id), secret };
  }

  attempts(id: number, cursor: string | undefined, limit: number): Page<WebhookAttemptView> {
    this.require(id);
    const items = this.outbox.attempts(id, decodeCursor(cursor), limit + 1);
    return pageOf(items, limit);
  }

  deliveries(id: number, state: WebhookDeliveryView['state'] | undefined, cursor: string | undefined, limit: number): Page<WebhookDeliveryView> {
    this.require(id);
    return pageOf(this.outbox.deliveries(id, state ?? null, decodeCursor(cursor), limit + 1), limit);
  }

  /** Sends a signed test event outside the queue (so it works while the endpoint is disabled or failing). */
  async test(id: number): Promise<WebhookAttemptView> {
    const endpoint = this.require(id);
    const at = this.clock.now();
    const event = { id: `evt_test_${at}`, type: 'webhook.test', at, message: null, recipient: null, data: { note: `A test event for ${endpoint.name}.` } };
    const sent = await this.dispatcher.send(endpoint, [JSON.stringify(event)]);
    const attemptId = await this.store.writer.commit(() =>
      this.outbox.logAttempt({ ...sent, endpointId: id, isTest: true, firstOutboxId: null, lastOutboxId: null }));
    if (attemptId === null) throw new NotFoundError(`Webhook ${id} was removed during the test.`, { id });
    const attempt = { ...sent, id: attemptId, webhookId: id, isTest: true };
    this.recordAttempt(attempt);
    return attempt;
  }

  /** Queues one finished delivery's event again, with its original event id; returns how many (1). */
  async redeliver(id: number, deliveryId: number): Promise<number> {
    this.require(id);
    const isQueued = await this.store.writer.commit(() => this.outbox.requeue(id, deliveryId, this.clock.now()));
    if (!isQueued) {
      throw new NotFoundError(`Webhook ${id} has no delivered or failed event ${deliveryId}: a pending one is still being sent, and retention removes finished ones after its days.`, { id, deliveryId });
    }
    this.dispatcher.wake();
    this.changed(id);
    return 1;
  }

  /** Attempts and changes, for the console's live view. */
  onActivity(listener: (activity: WebhookActivity) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called after the attempt is committed, so the endpoint's view shows its outcome. */
  recordAttempt(attempt: WebhookAttemptView): void {
    // Removed while its request was in flight: nobody is left to tell.
    const endpoint = this.endpoints.get(attempt.webhookId);
    if (endpoint) this.publish({ kind: 'attempt', attempt, webhook: this.view(endpoint) });
  }

  require(id: number): StoredEndpoint {
    const endpoint = this.endpoints.get(id);
    if (!endpoint) throw new NotFoundError(`No webhook with id ${id}.`, { id });
    return endpoint;
  }

  private changed(id: number): WebhookView {
    const webhook = this.get(id);
    this.publish({ kind: 'changed', webhook });
    return webhook;
  }

  private publish(activity: WebhookActivity): void {
    for (const listener of this.listeners) listener(activity);
  }

  private view(endpoint: StoredEndpoint): WebhookView {
    const counts = this.outbox.counts(endpoint.id);
    return {
      id: endpoint.id, name: endpoint.name, url: endpoint.url, isEnabled: endpoint.isEnabled, eventTypes: endpoint.eventTypes,
      streams: endpoint.streams, senderDomains: endpoint.senderDomains, format: endpoint.format, batchSize: endpoint.batchSize,
      batchIntervalMs: endpoint.batchIntervalMs, createdAt: endpoint.createdAt, updatedAt: endpoint.updatedAt,
      pending: counts.pending, failed: counts.failed, consecutiveFailures: endpoint.failures,
      nextAttemptAt: endpoint.failures > 0 && counts.pending > 0 ? endpoint.nextAttemptAt : null,
      lastAttempt: this.outbox.lastAttempt(endpoint.id),
      recent: this.outbox.recent(endpoint.id, RECENT_ATTEMPTS),
    };
  }
}

function validate(settings: EndpointSettings): EndpointSettings {
  let url: URL;
  try {
    url = new URL(settings.url);
  } catch {
    throw new ValidationError(`"${settings.url}" is not a URL; give one such as https://example.com/hooks/relaydesk.`, { field: 'url' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ValidationError(`Webhook URLs must be http or https, not ${url.protocol}`, { field: 'url' });
  }
  const bad = settings.senderDomains.find((domain) => !isValidDomain(domain));
  if (bad !== undefined) throw new ValidationError(`"${bad}" is not a domain name.`, { field: 'senderDomains' });
  return { ...settings, senderDomains: [...new Set(settings.senderDomains.map(normalizeDomain))] };
}

// Pages are newest first; the cursor is the last id of the previous page.
function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined) return Number.MAX_SAFE_INTEGER;
  if (!/^\d{1,15}$/.test(cursor)) throw new ValidationError('cursor is not one this API returned.', { field: 'cursor' });
  return Number(cursor);
}

function pageOf<T extends { id: number }>(items: T[], limit: number): Page<T> {
  const hasMore = items.length > limit;
  if (hasMore) items.pop();
  return { items, nextCursor: hasMore ? String(items.at(-1)!.id) : null };
}
