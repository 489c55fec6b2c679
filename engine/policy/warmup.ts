// IP warm-up: a new source address gets a daily cap that ramps up over the plan's days;
// mail over today's cap waits for tomorrow or leaves through another route.
import { isIP } from 'node:net';
import type { WarmupPlanView } from '../api/contract';
import type { Store, StoredWarmupPlan } from '../store/index';
import type { Clock } from '../shared/clock';
import { NotFoundError, ValidationError } from '../shared/errors';
import { DAY_MS, nextUtcDay, utcDayStart } from './day-window';

const FIRST_DAY_CAP = 50;
const LAST_DAY_CAP = 100_000;
export const DEFAULT_WARMUP_DAYS = 30;

/**
 * The default ramp: 50 messages on day 1, growing by the same factor each day to
 * 100,000 on the last day (about +30% a day over 30 days), then no cap.
 */
export function defaultWarmupCurve(days: number = DEFAULT_WARMUP_DAYS): number[] {
  if (days === 1) return [LAST_DAY_CAP];
  const growth = (LAST_DAY_CAP / FIRST_DAY_CAP) ** (1 / (days - 1));
  return Array.from({ length: days }, (_, day) => Math.round(FIRST_DAY_CAP * growth ** day));
}

export type WarmupDecision = { kind: 'go' } | { kind: 'hold'; until: number; reason: string } | { kind: 'route'; route: string; reason: string };

export class WarmupService {
  private plans: Map<string, StoredWarmupPlan>;
  private readonly sentToday = new Map<string, { day: number; count: number }>();
  /**
   * Recipients admitted and not yet settled, per source address. Sends are counted when they
   * finish, so without this every job admitted in the same moment would see the same count
   * and together pass the cap.
   */
  private readonly admitted = new Map<string, number>();

  constructor(private readonly store: Store, private readonly clock: Clock, private readonly routeExists: (name: string) => boolean) {
    this.plans = new Map(store.warmupPlans.list().map((plan) => [plan.sourceAddress, plan]));
  }

  list(): WarmupPlanView[] {
    return [...this.plans.values()].map((plan) => this.view(plan));
  }

  async set(input: { sourceAddress: string; days?: number; dailyCaps?: number[]; overflow?: StoredWarmupPlan['overflow']; startedAt?: number }): Promise<WarmupPlanView> {
    if (isIP(input.sourceAddress) === 0) throw new ValidationError(`"${input.sourceAddress}" is not an IP address.`, { field: 'sourceAddress' });
    if (input.days !== undefined && input.dailyCaps !== undefined) throw new ValidationError('Give days or dailyCaps, not both.', { field: 'dailyCaps' });
    const overflow = input.overflow ?? { kind: 'hold' };
    if (overflow.kind === 'route' && !this.routeExists(overflow.route)) throw new ValidationError(`Overflow route "${overflow.route}" does not exist.`, { field: 'overflow' });
    const plan: StoredWarmupPlan = {
      sourceAddress: input.sourceAddress,
      startedAt: utcDayStart(input.startedAt ?? this.clock.now()),
      dailyCaps: input.dailyCaps ?? defaultWarmupCurve(input.days),
      overflow,
    };
    await this.store.writer.commit(() => this.store.warmupPlans.save(plan, this.clock.now()));
    this.plans.set(plan.sourceAddress, plan);
    return this.view(plan);
  }

  async remove(sourceAddress: string): Promise<boolean> {
    if (!this.plans.has(sourceAddress)) throw new NotFoundError(`No warm-up plan for ${sourceAddress}.`, { sourceAddress });
    const removed = await this.store.writer.commit(() => this.store.warmupPlans.remove(sourceAddress));
    this.plans.delete(sourceAddress);
    return removed;
  }

  /** Whether `count` more messages may leave from `source` today, and what to do if not. */
  admit(source: string | undefined, count: number): WarmupDecision {
    const plan = source ? this.plans.get(source) : undefined;
    if (!plan) return { kind: 'go' };
    const cap = this.capToday(plan);
    const inFlight = this.admitted.get(plan.sourceAddress) ?? 0;
    if (cap === null || this.sent(plan.sourceAddress) + inFlight + count <= cap) {
      this.admitted.set(plan.sourceAddress, inFlight + count);
      return { kind: 'go' };
    }
    const reason = `Warm-up cap for ${plan.sourceAddress} reached (${cap} today, day ${this.dayOf(plan)} of ${plan.dailyCaps.length}).`;
    if (plan.overflow.kind === 'route') return { kind: 'route', route: plan.overflow.route, reason };
    const until = nextUtcDay(this.clock.now());
    return { kind: 'hold', until, reason: `${reason} Waits until ${new Date(until).toISOString()}.` };
  }

  /** A job admitted with `admitted` recipients left its pool, `sent` of them sent from `source`. */
  settle(source: string | undefined, admitted: number, sent: number): void {
    if (!source) return;
    const left = (this.admitted.get(source) ?? 0) - admitted;
    if (left > 0) this.admitted.set(source, left);
    else this.admitted.delete(source);
    if (sent > 0) this.recordSent(source, sent);
  }

  recordSent(source: string | undefined, count: number): void {
    if (!source || !this.plans.has(source)) return;
    const day = utcDayStart(this.clock.now());
    const current = this.sent(source);
    this.sentToday.set(source, { day, count: current + count });
    this.store.writer.defer(() => this.store.sendCounters.add(`warmup:${source}`, day, count));
  }

  private sent(source: string): number {
    const day = utcDayStart(this.clock.now());
    const entry = this.sentToday.get(source);
    if (entry && entry.day === day) return entry.count;
    const count = this.store.sendCounters.get(`warmup:${source}`, day);
    this.sentToday.set(source, { day, count });
    return count;
  }

  private dayOf(plan: StoredWarmupPlan): number {
    return Math.floor((utcDayStart(this.clock.now()) - plan.startedAt) / DAY_MS) + 1;
  }

  private capToday(plan: StoredWarmupPlan): number | null {
    const day = this.dayOf(plan);
    if (day < 1) return plan.dailyCaps[0] ?? null;
    return day <= plan.dailyCaps.length ? plan.dailyCaps[day - 1]! : null;
  }

  private view(plan: StoredWarmupPlan): WarmupPlanView {
    const day = this.dayOf(plan);
    const cap = this.capToday(plan);
    return { ...plan, day: cap === null ? null : Math.max(1, day), todayCap: cap, sentToday: this.sent(plan.sourceAddress) };
  }
}
