// Maintains hourly and daily rollups by stream, recipient provider and sender domain,
// reading stored events forward (events/event-feed.ts): the counts and the cursor commit
// together, so the rollups always equal what the events say, and a rebuild is a replay.
import type { AnalyticsCounts, Provider } from '../api/contract';
import type { WriteDb } from '../store/index';
import { EventContextLoader, type EventContext, type FeedConsumer, type MessageFacts, type StoredEvent } from '../events/index';
import { addTo, merge, type Histogram } from './histogram';
import { providerOfDomain, providerOfMx } from './providers';

const HOUR = 3_600_000;
const DAY = 86_400_000;

type Counted = keyof AnalyticsCounts;

/** Stored event types and the count each adds to. */
const COUNTED: Readonly<Record<string, Counted>> = {
  'recipient.delivered': 'delivered',
  'recipient.deferred': 'deferred',
  'recipient.bounced': 'bounced',
  'recipient.expired': 'expired',
  'recipient.suppressed': 'suppressed',
  'recipient.opened': 'opens',
  'recipient.clicked': 'clicks',
  'recipient.unsubscribed': 'unsubscribes',
  'recipient.complained': 'complaints',
};

type Count = (at: number, message: MessageFacts, provider: Provider, field: Counted, latencyMs?: number) => void;

interface Delta {
  granularity: 'hour' | 'day';
  bucketAt: number;
  stream: string;
  provider: Provider;
  senderDomain: string;
  counts: Partial<Record<Counted, number>>;
  latency: Histogram;
}

export class RollupConsumer implements FeedConsumer {
  readonly name = 'analytics';
  private readonly contexts: EventContextLoader;
  private readonly learnedStatement;
  private readonly learnStatement;
  private readonly latencyStatement;
  private readonly upsertStatement;

  constructor(db: WriteDb) {
    this.contexts = new EventContextLoader(db);
    this.learnedStatement = db.prepare<[string], { provider: Provider }>('SELECT provider FROM analytics_domain_providers WHERE domain = ?');
    this.learnStatement = db.prepare(`INSERT INTO analytics_domain_providers (domain, provider, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (domain) DO UPDATE SET provider = excluded.provider, updated_at = excluded.updated_at`);
    this.latencyStatement = db.prepare<[string, number, string, string, string], { latency: string }>(`SELECT latency FROM analytics_rollups
      WHERE granularity = ? AND bucket_at = ? AND stream = ? AND provider = ? AND sender_domain = ?`);
    this.upsertStatement = db.prepare(`INSERT INTO analytics_rollups (granularity, bucket_at, stream, provider, sender_domain, accepted,
      delivered, deferred, bounced, expired, suppressed, complaints, opens, clicks, unsubscribes, latency)
      VALUES (@granularity, @bucketAt, @stream, @provider, @senderDomain, @accepted, @delivered, @deferred, @bounced, @expired,
      @suppressed, @complaints, @opens, @clicks, @unsubscribes, @latency)
      ON CONFLICT (granularity, bucket_at, stream, provider, sender_domain) DO UPDATE SET
        accepted = accepted + excluded.accepted, delivered = delivered + excluded.delivered, deferred = deferred + excluded.deferred,
        bounced = bounced + excluded.bounced, expired = expired + excluded.expired, suppressed = suppressed + excluded.suppressed,
        complaints = complaints + excluded.complaints, opens = opens + excluded.opens, clicks = clicks + excluded.clicks,
        unsubscribes = unsubscribes + excluded.unsubscribes,
        latency = CASE WHEN excluded.latency = '{}' THEN latency ELSE excluded.latency END`);
  }

  consume(_db: WriteDb, events: StoredEvent[]): void {
    const context = this.contexts.load(events);
    const deltas = new Map<string, Delta>();
    const count: Count = (at, message, provider, field, latencyMs) => {
      for (const [granularity, size] of [['hour', HOUR], ['day', DAY]] as const) {
        const bucketAt = at - (at % size);
        const key = `${granularity}|${bucketAt}|${message.stream}|${provider}|${message.senderDomain}`;
        let delta = deltas.get(key);
        if (!delta) {
          delta = { granularity, bucketAt, stream: message.stream, provider, senderDomain: message.senderDomain, counts: {}, latency: {} };
          deltas.set(key, delta);
        }
        delta.counts[field] = (delta.counts[field] ?? 0) + 1;
        if (latencyMs !== undefined) addTo(delta.latency, latencyMs);
      }
    };
    for (const event of events) this.countEvent(event, context, count);
    for (const delta of deltas.values()) this.write(delta);
  }

  private countEvent(event: StoredEvent, context: EventContext, count: Count): void {
    // Without its message an event cannot be placed (stream, sender domain): a complaint
    // about unknown mail, or a message the operator deleted before it was counted.
    const message = context.message(event.messageId);
    if (!message) return;
    if (event.type === 'message.accepted') {
      for (const recipient of context.recipientsOf(message.id)) count(event.at, message, this.providerOf(recipient.domain), 'accepted');
      for (const recipient of context.suppressedAtIntake(message.id)) count(event.at, message, this.providerOf(recipient.domain), 'suppressed');
      return;
    }
    const field = COUNTED[event.type];
    // Machine opens and clicks (prefetch, scanners) are not readers.
    if (!field || event.data.isAutomated === true) return;
    const recipients = event.recipientId === null ? context.recipientsOf(message.id) : [context.recipient(event.recipientId)];
    // A tracked message with several recipients cannot tell them apart; its domain decides only when they share one.
    const domains = new Set(recipients.map((recipient) => recipient?.domain ?? ''));
    const domain = domains.size === 1 ? [...domains][0]! : '';
    const mxHost = typeof event.data.mxHost === 'string' && event.data.route === 'direct' ? event.data.mxHost : null;
    const provider = mxHost ? this.learn(domain, providerOfMx(mxHost), event.at) : this.providerOf(domain);
    count(event.at, message, provider, field, field === 'delivered' ? event.at - message.receivedAt : undefined);
  }

  // A domain's MX hosts, seen by a direct delivery, say who hosts it; remembered so events
  // without an MX host (acceptance, opens) count under the same provider.
  private learn(domain: string, provider: Provider, at: number): Provider {
    if (domain && this.learnedStatement.get(domain)?.provider !== provider) this.learnStatement.run(domain, provider, at);
    return provider;
  }

  private providerOf(domain: string): Provider {
    if (!domain) return 'other';
    return this.learnedStatement.get(domain)?.provider ?? providerOfDomain(domain) ?? 'other';
  }

  private write(delta: Delta): void {
    const { granularity, bucketAt, stream, provider, senderDomain } = delta;
    // Counts add up in SQL; a histogram is merged here and written whole.
    let latency = delta.latency;
    if (Object.keys(latency).length) {
      const stored = this.latencyStatement.get(granularity, bucketAt, stream, provider, senderDomain);
      if (stored) latency = merge(JSON.parse(stored.latency) as Histogram, latency);
    }
    const c = delta.counts;
    this.upsertStatement.run({
      granularity, bucketAt, stream, provider, senderDomain, latency: JSON.stringify(latency),
      accepted: c.accepted ?? 0, delivered: c.delivered ?? 0, deferred: c.deferred ?? 0, bounced: c.bounced ?? 0, expired: c.expired ?? 0,
      suppressed: c.suppressed ?? 0, complaints: c.complaints ?? 0, opens: c.opens ?? 0, clicks: c.clicks ?? 0, unsubscribes: c.unsubscribes ?? 0,
    });
  }
}
