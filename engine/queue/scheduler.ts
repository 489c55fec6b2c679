// The delivery scheduler: leases due recipients (transactional before bulk, each stream
// with its own in-flight cap, so a bulk backlog never delays transactional mail), groups
// them into jobs per message and domain, and hands them to delivery.
import type { Stream } from '../api/contract';
import type { Store, LeasedRow } from '../store/index';
import type { Clock } from '../shared/clock';
import type { QueueCounters } from './counters';
import type { DeliveryJob, JobSink } from './job';
import type { PauseList } from './pauses';

export interface SchedulerOptions {
  /** Recipients leased and not yet finished, per stream. */
  maxInFlight: Record<Stream, number>;
  /** A lease not finished within this long goes back to the queue (a hung connection). */
  leaseMs: number;
  /** Recipients leased per query. */
  batchSize: number;
  /** Route for messages accepted before routes existed. */
  fallbackRoute: string;
  /** When leasing must wait (the daily quota is used up): the time it may resume, else null. */
  leasingBlockedUntil(): number | null;
  /**
   * Recipients the daily quota still allows today (Infinity without one). Sends are counted
   * when they finish, so leases in flight count against it: one pass never leases past the cap.
   */
  sendAllowance(): number;
  /** The configured source address of a stream, so pausing an address pauses what leaves from it. */
  sourceAddressOf(stream: Stream): string | undefined;
}

const STREAM_ORDER: readonly Stream[] = ['transactional', 'bulk'];
const MAX_SLEEP_MS = 30_000;
const LEASE_SWEEP_MS = 15_000;
/**
 * Ticks are at least this far apart. Every acceptance and every finished delivery asks for
 * one; leasing per message would run the lease queries (a write, even when nothing is due)
 * several times per message, where one pass every few milliseconds leases them together.
 */
const MIN_TICK_INTERVAL_MS = 5;

export class DeliveryScheduler {
  private readonly inFlight: Record<Stream, number> = { transactional: 0, bulk: 0 };
  private timer: NodeJS.Timeout | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private isTickQueued = false;
  /** performance.now() of the last tick: real time, whatever clock the engine runs on. */
  private lastTickAt = Number.NEGATIVE_INFINITY;
  private isTicking = false;
  private isRunning = false;
  /**
   * Earliest time each stream may have due work. Leasing is a write, so a stream is only
   * asked when something may be due: an acceptance or release sets it to now, a lease that
   * comes back short moves it to the next due time in the store.
   */
  private readonly dueAt: Record<Stream, number> = { transactional: 0, bulk: 0 };

  constructor(
    private readonly store: Store,
    private readonly sink: JobSink,
    private readonly counters: QueueCounters,
    private readonly pauses: PauseList,
    private readonly clock: Clock,
    private readonly options: SchedulerOptions,
  ) {}

  start(): void {
    this.isRunning = true;
    this.sweepTimer = setInterval(() => void this.releaseExpiredLeases(), LEASE_SWEEP_MS).unref();
    this.wake();
  }

  stop(): void {
    this.isRunning = false;
    if (this.timer) clearTimeout(this.timer);
    if (this.sweepTimer) clearInterval(this.sweepTimer);
  }

  /** New work for `stream` (an accepted message, a released hold), or for every stream. */
  markDue(stream?: Stream): void {
    for (const each of stream ? [stream] : STREAM_ORDER) this.dueAt[each] = 0;
    this.wake();
  }

  /** Runs a tick soon; streams are leased only where something may be due. */
  wake(): void {
    if (!this.isRunning || this.isTickQueued) return;
    this.isTickQueued = true;
    const run = () => {
      this.isTickQueued = false;
      void this.tick();
    };
    const waitMs = this.lastTickAt + MIN_TICK_INTERVAL_MS - performance.now();
    if (waitMs > 0) setTimeout(run, waitMs);
    else setImmediate(run);
  }

  /**
   * Delivery finished (or gave back) `count` recipients of `stream`. Their outcomes are
   * already committed, and a deferral may have set an earlier due time, so the stream is
   * asked again.
   */
  release(stream: Stream, count: number): void {
    this.inFlight[stream] = Math.max(0, this.inFlight[stream] - count);
    this.markDue(stream);
  }

  get inFlightCounts(): Readonly<Record<Stream, number>> {
    return this.inFlight;
  }

  private async tick(): Promise<void> {
    if (this.isTicking || !this.isRunning) return;
    this.isTicking = true;
    this.lastTickAt = performance.now();
    try {
      const blockedUntil = this.options.leasingBlockedUntil();
      if (blockedUntil !== null) return this.sleepUntil(blockedUntil);
      let allowance = this.options.sendAllowance() - this.inFlight.transactional - this.inFlight.bulk;
      // The rest of today's quota is in flight: a release wakes the scheduler, or the day ends.
      if (allowance <= 0) return this.sleepUntil(this.clock.now() + MAX_SLEEP_MS);
      let isMoreDue = false;
      for (const stream of STREAM_ORDER) {
        if (this.isPaused(stream) || this.dueAt[stream] > this.clock.now()) continue;
        const capacity = this.options.maxInFlight[stream] - this.inFlight[stream];
        const limit = Math.min(capacity, this.options.batchSize, allowance);
        if (limit <= 0) continue;
        const leased = await this.lease(stream, limit);
        if (!this.isRunning) return; // stopped while leasing: the store may already be closed
        allowance -= leased;
        if (leased === limit) isMoreDue = true;
        else this.dueAt[stream] = this.nextDueAt(stream);
      }
      this.scheduleNext(isMoreDue);
    } finally {
      this.isTicking = false;
    }
  }

  private async lease(stream: Stream, limit: number): Promise<number> {
    const now = this.clock.now();
    const paused = { domains: this.pauses.pausedDomains(), routes: this.pauses.pausedRoutes() };
    const { rows, messages } = await this.store.writer.commit(() => {
      const queued = this.store.deliveryQueue.lease(stream, 'queued', now, now + this.options.leaseMs, limit, paused);
      const deferred = queued.length < limit
        ? this.store.deliveryQueue.lease(stream, 'deferred', now, now + this.options.leaseMs, limit - queued.length, paused)
        : [];
      const all = [...queued, ...deferred];
      return {
        rows: { queued, deferred },
        messages: all.length ? this.store.deliveryQueue.messages([...new Set(all.map((row) => row.messageId))]) : [],
      };
    });
    // Stopped during the commit: nothing may be sent any more, and the rows leased go back to
    // the queue at the next start, as after a crash.
    if (!this.isRunning) return 0;
    this.counters.move(stream, 'queued', 'sending', rows.queued.length);
    this.counters.move(stream, 'deferred', 'sending', rows.deferred.length);
    const total = rows.queued.length + rows.deferred.length;
    if (total === 0) return 0;
    this.inFlight[stream] += total;
    const byId = new Map(messages.map((message) => [message.id, message]));
    for (const job of groupIntoJobs([...rows.queued, ...rows.deferred], byId, this.options.fallbackRoute)) this.sink.dispatch(job);
    return total;
  }

  private scheduleNext(isMoreDue: boolean): void {
    if (this.timer) clearTimeout(this.timer);
    if (!this.isRunning) return;
    if (isMoreDue) return this.wake();
    this.sleepUntil(Math.min(...STREAM_ORDER.map((stream) => this.dueAt[stream])));
  }

  private isPaused(stream: Stream): boolean {
    const source = this.options.sourceAddressOf(stream);
    return this.pauses.isStreamPaused(stream) || (source !== undefined && this.pauses.isPaused('source', source));
  }

  private nextDueAt(stream: Stream): number {
    let next = Number.POSITIVE_INFINITY;
    for (const state of ['queued', 'deferred'] as const) {
      next = Math.min(next, this.store.deliveryQueue.nextDueAt(stream, state) ?? Number.POSITIVE_INFINITY);
    }
    return next;
  }

  private sleepUntil(at: number): void {
    if (this.timer) clearTimeout(this.timer);
    const delay = Math.min(MAX_SLEEP_MS, Math.max(10, at - this.clock.now()));
    this.timer = setTimeout(() => this.wake(), delay);
    this.timer.unref();
  }

  private async releaseExpiredLeases(): Promise<void> {
    const now = this.clock.now();
    const streams = await this.store.writer.commit(() => this.store.deliveryQueue.releaseExpired(now));
    for (const stream of streams) this.counters.move(stream, 'sending', 'queued');
    if (streams.length) this.markDue();
  }
}

function groupIntoJobs(rows: LeasedRow[], messages: Map<string, { mailFrom: string; senderDomain: string; route: string | null; size: number; receivedAt: number; stream: Stream }>, fallbackRoute: string): DeliveryJob[] {
  const jobs = new Map<string, DeliveryJob>();
  for (const row of rows) {
    const message = messages.get(row.messageId);
    if (!message) continue;
    const key = `${row.messageId}\u0000${row.domain}`;
    let job = jobs.get(key);
    if (!job) {
      job = {
        messageId: row.messageId, stream: message.stream, mailFrom: message.mailFrom, senderDomain: message.senderDomain,
        domain: row.domain, route: message.route ?? fallbackRoute, size: message.size, recipients: [], receivedAt: message.receivedAt,
      };
      jobs.set(key, job);
    }
    job.recipients.push({ id: row.id, address: row.address, attempts: row.attempts, expiresAt: row.expiresAt });
  }
  return [...jobs.values()];
}
