// Sends each endpoint's outbox in order, one request at a time per endpoint: the oldest
// waiting events go first and nothing behind them overtakes, so events of one message
// arrive in the order they happened. A failed request is retried with exponential backoff
// until the retry window ends; every request is logged, whatever its outcome.
import type { WebhookAttemptView } from '../api/contract';
import type { Store } from '../store/index';
import type { Clock } from '../shared/clock';
import type { SecretBox } from '../shared/secret-box';
import type { EndpointsRepo, StoredEndpoint } from './endpoints-repo';
import type { OutboxRepo, OutboxRow } from './outbox-repo';
import { postWebhook } from './http-post';
import { SIGNATURE_HEADER, signatureHeader } from './signature';

export interface WebhookDeliveryOptions {
  retryInitialMs: number;
  retryMaxMs: number;
  retryWindowMs: number;
  requestTimeoutMs: number;
  /** Sent as User-Agent. */
  userAgent: string;
}

/** Another look at the outbox at least this often, in case a wake-up was missed. */
const MAX_SLEEP_MS = 30_000;

const CONTENT_TYPES = { json: 'application/json', jsonl: 'application/x-ndjson' } as const;

/**
 * A request body in another shape for an endpoint (a provider's, while migrating off it);
 * null sends Relaydesk's own. The Relaydesk signature header is added either way.
 */
export type WebhookBodyFormatter = (endpoint: { id: number; url: string }, payloads: readonly string[], secret: string) =>
  { contentType: string; body: string; headers: Record<string, string> } | null;

export class WebhookDispatcher {
  /** Set by the engine when provider-shaped payloads are available (engine/migration). */
  bodyFormatter: WebhookBodyFormatter | null = null;
  private readonly inFlight = new Set<number>();
  private timer: NodeJS.Timeout | null = null;
  private isStopped = true;

  constructor(
    private readonly store: Store,
    private readonly endpoints: EndpointsRepo,
    private readonly outbox: OutboxRepo,
    private readonly secrets: SecretBox,
    private readonly clock: Clock,
    private readonly options: WebhookDeliveryOptions,
    private readonly onAttempt: (attempt: WebhookAttemptView) => void,
    private readonly log: (message: string, details: Record<string, unknown>) => void,
  ) {}

  start(): void {
    this.isStopped = false;
    this.wake();
  }

  /** Waits for requests in flight (each bounded by the request timeout) to be recorded. */
  async stop(): Promise<void> {
    this.isStopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.inFlight.size) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  /** Something was queued or an endpoint changed: look now. */
  wake(): void {
    if (this.isStopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pass();
    }, 0);
  }

  /** Signs and sends `payloads` to an endpoint; the caller records the result. */
  async send(endpoint: StoredEndpoint, payloads: string[]): Promise<Omit<WebhookAttemptView, 'id' | 'webhookId' | 'isTest'>> {
    const secret = this.secrets.open(endpoint.secretSealed);
    const custom = this.bodyFormatter?.(endpoint, payloads, secret) ?? null;
    const body = custom?.body ?? (endpoint.format === 'json' ? `[${payloads.join(',')}]` : `${payloads.join('\n')}\n`);
    const at = this.clock.now();
    const started = performance.now();
    const result = await postWebhook(endpoint.url, body, {
      'content-type': custom?.contentType ?? CONTENT_TYPES[endpoint.format],
      'user-agent': this.options.userAgent,
      ...custom?.headers,
      [SIGNATURE_HEADER]: signatureHeader(secret, Math.floor(this.clock.now() / 1000), body),
      'relaydesk-event-count': String(payloads.length),
    }, this.options.requestTimeoutMs);
    return { at, eventCount: payloads.length, durationMs: Math.round(performance.now() - started), ...result };
  }

  private pass(): void {
    if (this.isStopped) return;
    const now = this.clock.now();
    let nextDue = now + MAX_SLEEP_MS;
    for (const endpoint of this.endpoints.all()) {
      if (!endpoint.isEnabled || this.inFlight.has(endpoint.id)) continue;
      if (endpoint.nextAttemptAt > now) {
        nextDue = Math.min(nextDue, endpoint.nextAttemptAt);
        continue;
      }
      const batch = this.outbox.head(endpoint.id, endpoint.batchSize);
      if (batch.length === 0) continue;
      // A partial batch waits for company, but never longer than the interval after its oldest event.
      const fillsAt = batch[0]!.createdAt + endpoint.batchIntervalMs;
      if (batch.length < endpoint.batchSize && fillsAt > now) {
        nextDue = Math.min(nextDue, fillsAt);
        continue;
      }
      this.inFlight.add(endpoint.id);
      void this.deliver(endpoint, batch).finally(() => {
        this.inFlight.delete(endpoint.id);
        this.wake();
      });
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pass();
    }, Math.max(0, nextDue - now));
  }

  private async deliver(endpoint: StoredEndpoint, batch: OutboxRow[]): Promise<void> {
    const ids = batch.map((row) => row.id);
    try {
      const sent = await this.send(endpoint, batch.map((row) => row.payload));
      const recorded = await this.store.writer.commit(() => {
        const now = this.clock.now();
        const id = this.outbox.logAttempt({ ...sent, endpointId: endpoint.id, isTest: false, firstOutboxId: ids[0]!, lastOutboxId: ids.at(-1)! });
        if (sent.isSuccess) {
          this.outbox.markDelivered(ids, now);
          this.endpoints.setBackoff(endpoint.id, 0, 0);
          return id;
        }
        const failures = endpoint.failures + 1;
        this.outbox.markFailedAttempt(ids, sent.error ?? 'Failed.');
        this.endpoints.setBackoff(endpoint.id, failures, now + this.backoffMs(failures));
        const expired = this.outbox.expire(endpoint.id, now - this.options.retryWindowMs, now);
        if (expired) this.log('webhook events given up after the retry window', { webhookId: endpoint.id, events: expired });
        return id;
      });
      if (recorded !== null) this.onAttempt({ ...sent, id: recorded, webhookId: endpoint.id, isTest: false });
    } catch (error) {
      this.log('could not record a webhook attempt', { webhookId: endpoint.id, error: String(error) });
    }
  }

  // Exponential from the first retry delay, capped, with ±10% jitter so endpoints that
  // failed together do not retry together.
  private backoffMs(failures: number): number {
    const base = Math.min(this.options.retryInitialMs * 2 ** Math.min(failures - 1, 30), this.options.retryMaxMs);
    return Math.round(base * (0.9 + Math.random() * 0.2));
  }
}
