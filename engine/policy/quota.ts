// The global send rate and daily quota. At the daily cap nothing more is leased until
// 00:00 UTC (mail waits, never dropped); alerts go out at 80% and 100%.
import type { QuotaSettings, QuotaStatus } from '../api/contract';
import type { Store } from '../store/index';
import type { EventBus } from '../events/index';
import type { Clock } from '../shared/clock';
import { TokenBucket } from './throttle/token-bucket';
import { nextUtcDay, utcDayStart } from './day-window';

const SETTINGS_KEY = 'quota';
const COUNTER_KEY = 'daily';

export class QuotaService {
  private settings: QuotaSettings;
  private bucket: TokenBucket | null = null;
  private day: number;
  private sentToday: number;
  private alertLevel: QuotaStatus['alertLevel'] = 0;

  constructor(private readonly store: Store, private readonly bus: EventBus, private readonly clock: Clock) {
    this.settings = store.settings.get<QuotaSettings>(SETTINGS_KEY) ?? { messagesPerSecond: null, dailyLimit: null };
    this.day = utcDayStart(clock.now());
    this.sentToday = store.sendCounters.get(COUNTER_KEY, this.day);
    this.alertLevel = this.levelFor(this.sentToday);
    this.configureBucket();
  }

  status(): QuotaStatus {
    this.rollDay();
    return { ...this.settings, sentToday: this.sentToday, resetsAt: nextUtcDay(this.clock.now()), alertLevel: this.alertLevel };
  }

  async set(settings: QuotaSettings): Promise<QuotaStatus> {
    await this.store.writer.commit(() => this.store.settings.set(SETTINGS_KEY, settings, this.clock.now()));
    this.settings = settings;
    this.configureBucket();
    this.alertLevel = this.levelFor(this.sentToday);
    return this.status();
  }

  /** True while today's cap is reached; the scheduler leases nothing until `status().resetsAt`. */
  isExhausted(): boolean {
    this.rollDay();
    return this.settings.dailyLimit !== null && this.sentToday >= this.settings.dailyLimit;
  }

  /** Messages the daily quota still allows today; Infinity without a daily limit. */
  remainingToday(): number {
    this.rollDay();
    return this.settings.dailyLimit === null ? Number.POSITIVE_INFINITY : Math.max(0, this.settings.dailyLimit - this.sentToday);
  }

  /** A send slot under the global rate: 0 = go, otherwise ms to wait. */
  acquire(): number {
    return this.bucket?.take(this.clock.now()) ?? 0;
  }

  recordSent(count: number): void {
    this.rollDay();
    this.sentToday += count;
    const day = this.day;
    this.store.writer.defer(() => this.store.sendCounters.add(COUNTER_KEY, day, count));
    const level = this.levelFor(this.sentToday);
    if (level > this.alertLevel) {
      this.alertLevel = level;
      const limit = this.settings.dailyLimit!;
      this.bus.emit('alert.raised', {
        kind: 'quota',
        level: level === 100 ? 'critical' : 'warning',
        message: level === 100
          ? `Daily quota of ${limit} messages reached; further mail waits until ${new Date(nextUtcDay(this.clock.now())).toISOString()}.`
          : `80% of the daily quota used (${this.sentToday} of ${limit} messages).`,
        at: this.clock.now(),
      });
    }
  }

  private levelFor(sent: number): QuotaStatus['alertLevel'] {
    const limit = this.settings.dailyLimit;
    if (limit === null) return 0;
    if (sent >= limit) return 100;
    return sent >= limit * 0.8 ? 80 : 0;
  }

  private rollDay(): void {
    const day = utcDayStart(this.clock.now());
    if (day === this.day) return;
    this.day = day;
    this.sentToday = this.store.sendCounters.get(COUNTER_KEY, day);
    this.alertLevel = this.levelFor(this.sentToday);
  }

  private configureBucket(): void {
    const rate = this.settings.messagesPerSecond;
    // A second's worth of burst: the rate holds over any window longer than a second.
    this.bucket = rate === null ? null : new TokenBucket(rate, 1000, Math.max(1, Math.ceil(rate)), this.clock.now());
  }
}
