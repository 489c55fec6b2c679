// Live per-minute counts for the dashboard, and per-domain activity over the last hour,
// kept in memory from bus events and backfilled from stored events at start.
import type { LiveStats, MinuteStats } from '../api/contract';
import type { Store } from '../store/index';
import type { Clock } from '../shared/clock';
import type { EventBus } from './bus';

const MINUTE = 60_000;
const WINDOW_MINUTES = 60;
type Counted = Exclude<keyof MinuteStats, 'minute'>;
const COUNTED_STATES = new Set<Counted>(['delivered', 'deferred', 'bounced', 'suppressed', 'expired']);

function emptyMinute(minute: number): MinuteStats {
  return { minute, accepted: 0, rejected: 0, delivered: 0, deferred: 0, bounced: 0, suppressed: 0, expired: 0 };
}

interface DomainActivity {
  delivered: Map<number, number>;
  deferred: Map<number, number>;
  bounced: Map<number, number>;
}

export class MinuteStatsTracker {
  private readonly minutes = new Map<number, MinuteStats>();
  private readonly domains = new Map<string, DomainActivity>();
  private readonly listeners = new Set<(minute: MinuteStats) => void>();

  constructor(private readonly clock: Clock, bus: EventBus, store: Store) {
    this.backfill(store);
    bus.on('message.accepted', (message) => this.count('accepted', message.receivedAt, message.recipients.length));
    bus.on('transaction.rejected', () => this.count('rejected', this.clock.now(), 1));
    bus.on('recipient.changed', (changes) => {
      for (const change of changes) {
        if (!COUNTED_STATES.has(change.to as Counted)) continue;
        this.count(change.to as Counted, change.at, 1);
        if (change.to === 'delivered' || change.to === 'deferred' || change.to === 'bounced') this.countDomain(change.domain, change.to, change.at);
      }
    });
  }

  snapshot(): LiveStats {
    const now = this.clock.now();
    const current = now - (now % MINUTE);
    const minutes: MinuteStats[] = [];
    for (let i = WINDOW_MINUTES - 1; i >= 0; i--) {
      const minute = current - i * MINUTE;
      minutes.push({ ...(this.minutes.get(minute) ?? emptyMinute(minute)) });
    }
    return { minutes };
  }

  /** Called with the current minute's counts whenever they change. */
  onChange(listener: (minute: MinuteStats) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Deliveries, deferrals and bounces per domain over the last hour. */
  domainActivity(domain: string): { delivered: number; deferred: number; bounced: number } {
    const activity = this.domains.get(domain);
    const since = this.clock.now() - WINDOW_MINUTES * MINUTE;
    const sum = (buckets: Map<number, number> | undefined) => [...(buckets ?? new Map<number, number>())].reduce((total, [minute, n]) => (minute >= since ? total + n : total), 0);
    return { delivered: sum(activity?.delivered), deferred: sum(activity?.deferred), bounced: sum(activity?.bounced) };
  }

  activeDomains(): string[] {
    return [...this.domains.keys()];
  }

  private count(field: Counted, at: number, n: number): void {
    const minute = at - (at % MINUTE);
    let entry = this.minutes.get(minute);
    if (!entry) {
      entry = emptyMinute(minute);
      this.minutes.set(minute, entry);
      this.prune();
    }
    entry[field] += n;
    for (const listener of this.listeners) listener({ ...entry });
  }

  private countDomain(domain: string, field: keyof DomainActivity, at: number): void {
    let activity = this.domains.get(domain);
    if (!activity) {
      activity = { delivered: new Map(), deferred: new Map(), bounced: new Map() };
      this.domains.set(domain, activity);
    }
    const minute = at - (at % MINUTE);
    activity[field].set(minute, (activity[field].get(minute) ?? 0) + 1);
  }

  private prune(): void {
    const cutoff = this.clock.now() - (WINDOW_MINUTES + 1) * MINUTE;
    for (const minute of this.minutes.keys()) if (minute < cutoff) this.minutes.delete(minute);
    for (const [domain, activity] of this.domains) {
      for (const buckets of Object.values(activity)) for (const minute of buckets.keys()) if (minute < cutoff) buckets.delete(minute);
      if (activity.delivered.size + activity.deferred.size + activity.bounced.size === 0) this.domains.delete(domain);
    }
  }

  // The last hour survives a restart through the stored events.
  private backfill(store: Store): void {
    const since = this.clock.now() - WINDOW_MINUTES * MINUTE;
    const rows = store.db.prepare(`SELECT (at - at % 60000) AS minute, type, COUNT(*) AS count,
        SUM(CASE WHEN type = 'message.accepted' THEN json_extract(data, '$.recipients') ELSE 0 END) AS recipients
      FROM events WHERE at >= ? AND type IN ('message.accepted', 'recipient.delivered', 'recipient.deferred',
        'recipient.bounced', 'recipient.suppressed', 'recipient.expired') GROUP BY minute, type`)
      .all(since) as Array<{ minute: number; type: string; count: number; recipients: number }>;
    for (const row of rows) {
      const field = row.type === 'message.accepted' ? 'accepted' : (row.type.slice('recipient.'.length) as Counted);
      let entry = this.minutes.get(row.minute);
      if (!entry) this.minutes.set(row.minute, (entry = emptyMinute(row.minute)));
      entry[field] += row.type === 'message.accepted' ? row.recipients : row.count;
    }
  }
}
