// One destination (an MX host set or a smarthost): its job queue, transactional first,
// and up to N reused connections, each sending jobs in turn (RSET between them) while
// the throttle allows.
import type { Stream } from '../api/contract';
import type { ResolvedThrottle, ThrottleController } from '../policy/index';
import type { DeliveryJob } from '../queue/index';
import type { OutboundSession, SessionFailure, TransactionResult } from './smtp-session';

/** How a pool opens a connection: the MX walk or the smarthost; rejects with the last failure. */
export type Connector = () => Promise<{ session: OutboundSession; mxHost: string | null; tlsPolicy: string }>;

export interface PoolHooks {
  /** Something went wrong recording an outcome (the store is closing); logged, never thrown. */
  onError(error: unknown): void;
  /** A slot under the global send rate: 0 = go, otherwise ms to wait. */
  acquireGlobalSlot(): number;
  /** Loads (and signs) the message to send; null when its body is gone. */
  loadMessage(job: DeliveryJob): Promise<Buffer | null>;
  /** Results of one transaction (or of a failure before any transaction). */
  onSent(job: DeliveryJob, outcome: PoolOutcome): Promise<void>;
  /** The job left the pool (sent or failed); the scheduler may lease more. */
  onJobDone(job: DeliveryJob): void;
}

export type PoolOutcome =
  | { kind: 'sent'; session: OutboundSession; mxHost: string | null; tlsPolicy: string; startedAt: number; result: TransactionResult }
  | { kind: 'failed'; failure: SessionFailure; mxHost: string | null; startedAt: number }
  | { kind: 'missing-body'; startedAt: number };

const IDLE_KEEP_MS = 2000;

export class DestinationPool {
  private readonly queues: Record<Stream, DeliveryJob[]> = { transactional: [], bulk: [] };
  private workers = 0;
  private idleWaiters: Array<() => void> = [];
  private isClosed = false;
  /** Set after a failed walk so queued jobs fail fast instead of retrying a dead host. */
  private down: { until: number; failure: SessionFailure; mxHost: string | null } | null = null;

  constructor(
    readonly key: string,
    private readonly throttle: ThrottleController,
    private resolved: ResolvedThrottle,
    private readonly connect: Connector,
    private readonly hooks: PoolHooks,
    private readonly now: () => number,
    private readonly downForMs = 30_000,
  ) {}

  get queuedCount(): number {
    return this.queues.transactional.length + this.queues.bulk.length;
  }

  get isIdle(): boolean {
    return this.workers === 0 && this.queuedCount === 0;
  }

  enqueue(job: DeliveryJob, resolved: ResolvedThrottle): void {
    this.resolved = resolved;
    this.queues[job.stream].push(job);
    const idle = this.idleWaiters.shift();
    if (idle) idle();
    else this.pump();
  }

  /** Stops taking jobs; returns the jobs still queued, unsent. */
  close(): DeliveryJob[] {
    this.isClosed = true;
    this.idleWaiters.splice(0).forEach((wake) => wake());
    return [...this.queues.transactional.splice(0), ...this.queues.bulk.splice(0)];
  }

  private pump(): void {
    const max = this.throttle.limits(this.resolved).maxConnections ?? Number.POSITIVE_INFINITY;
    // work() takes its first job synchronously, so the queue shrinks as workers start.
    while (!this.isClosed && this.queuedCount > 0 && this.workers < max) {
      this.workers++;
      void this.work().finally(() => {
        this.workers--;
        if (this.queuedCount > 0) this.pump();
      });
    }
  }

  private next(): DeliveryJob | undefined {
    return this.queues.transactional.shift() ?? this.queues.bulk.shift();
  }

  private putBack(job: DeliveryJob): void {
    this.queues[job.stream].unshift(job);
  }

  private async work(): Promise<void> {
    let session: OutboundSession | null = null;
    let mxHost: string | null = null;
    let tlsPolicy = 'none';
    try {
      for (;;) {
        if (this.isClosed) return;
        const limits = this.throttle.limits(this.resolved);
        if (limits.maxConnections !== null && this.workers > limits.maxConnections) return; // the destination asked for fewer
        const job = this.next();
        if (!job) {
          if (!(await this.waitForWork())) return;
          continue;
        }
        if (this.down && this.down.until > this.now()) {
          this.finish(job, { kind: 'failed', failure: this.down.failure, mxHost: this.down.mxHost, startedAt: this.now() });
          continue;
        }
        const wait = this.hooks.acquireGlobalSlot() || this.throttle.acquire(this.resolved);
        if (wait > 0) {
          this.putBack(job);
          await sleep(wait);
          continue;
        }
        const startedAt = this.now();
        if (session && (!session.isUsable || (limits.messagesPerConnection !== null && session.sentCount >= limits.messagesPerConnection) || !(await session.reset()))) {
          await session.close();
          this.throttle.connectionClosed(this.resolved);
          session = null;
        }
        if (!session) {
          try {
            ({ session, mxHost, tlsPolicy } = await this.connect());
            this.throttle.connectionOpened(this.resolved);
            this.down = null;
          } catch (failure) {
            this.down = { until: this.now() + this.downForMs, failure: failure as SessionFailure, mxHost: null };
            this.finish(job, { kind: 'failed', failure: failure as SessionFailure, mxHost: null, startedAt });
            continue;
          }
        }
        const message = await this.hooks.loadMessage(job);
        if (!message) {
          this.finish(job, { kind: 'missing-body', startedAt });
          continue;
        }
        await this.sendJob(job, session, mxHost, tlsPolicy, message, startedAt);
      }
    } finally {
      if (session) {
        await session.close();
        this.throttle.connectionClosed(this.resolved);
      }
    }
  }

  // A job's recipients go in transactions of at most the peer's RCPTMAX (RFC 9422).
  // Outcomes are recorded while the connection moves on to the next transaction; the job
  // is released only once they are on disk.
  private async sendJob(job: DeliveryJob, session: OutboundSession, mxHost: string | null, tlsPolicy: string, message: Buffer, startedAt: number): Promise<void> {
    const chunkSize = Math.max(1, session.rcptMax);
    const recipients = job.recipients;
    const recorded: Array<Promise<void>> = [];
    for (let offset = 0; offset < recipients.length; offset += chunkSize) {
      const part = recipients.slice(offset, offset + chunkSize);
      if (offset > 0 && !(await session.reset())) {
        const rest = { ...job, recipients: recipients.slice(offset) };
        recorded.push(this.hooks.onSent(rest, { kind: 'failed', failure: { phase: 'rset', networkError: { code: 'ECONNECTION', message: 'The connection broke between transactions.' } }, mxHost, startedAt }));
        break;
      }
      const result = await session.send(job.mailFrom, part.map((r) => r.address), message);
      recorded.push(this.hooks.onSent({ ...job, recipients: part }, { kind: 'sent', session, mxHost, tlsPolicy, startedAt, result }));
    }
    this.releaseAfter(job, recorded);
  }

  private finish(job: DeliveryJob, outcome: PoolOutcome): void {
    this.releaseAfter(job, [this.hooks.onSent(job, outcome)]);
  }

  private releaseAfter(job: DeliveryJob, recorded: Array<Promise<void>>): void {
    void Promise.all(recorded).catch((error: unknown) => this.hooks.onError(error)).finally(() => this.hooks.onJobDone(job));
  }

  /** Keeps an idle connection a moment for the next job; false when none came. */
  private waitForWork(): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.idleWaiters = this.idleWaiters.filter((wake) => wake !== onWork);
        resolve(false);
      }, IDLE_KEEP_MS);
      const onWork = () => {
        clearTimeout(timer);
        resolve(!this.isClosed);
      };
      this.idleWaiters.push(onWork);
    });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
