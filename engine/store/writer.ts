// The single writer: group commit of durable work (accepted messages) with
// best-effort work (transcripts, session updates) riding along in the same batch.
import type { WriteDb } from './database';
import type { WalSync } from './wal-sync';
import { EngineError, StoreError } from '../shared/errors';

export interface GroupCommitOptions {
  /** How long the first durable write of a batch waits for company; 0 = next event-loop turn. */
  windowMs: number;
  /** A batch this large is committed at once, without waiting for the window. */
  maxBatch: number;
  /** Best-effort work waits at most this long when no durable batch comes along. */
  lazyFlushMs: number;
}

export const defaultGroupCommit: GroupCommitOptions = { windowMs: 2, maxBatch: 256, lazyFlushMs: 50 };

interface DurableOp {
  work: (db: WriteDb) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  result?: unknown;
  hasFailed?: boolean;
}

interface LazyOp {
  work: (db: WriteDb) => void;
  afterCommit?: () => void;
  hasFailed?: boolean;
}

export interface WriterStats {
  batches: number;
  durableOps: number;
  lazyOps: number;
  lastBatchMs: number;
}

export type WriterLog = (event: 'slow-batch' | 'lazy-op-failed' | 'batch-retried' | 'checkpoint-failed', details: Record<string, unknown>) => void;

const SLOW_BATCH_MS = 50;

export class StoreWriter {
  private durable: DurableOp[] = [];
  private lazy: LazyOp[] = [];
  private timer: NodeJS.Timeout | NodeJS.Immediate | null = null;
  private timerIsDurable = false;
  private isClosed = false;
  readonly stats: WriterStats = { batches: 0, durableOps: 0, lazyOps: 0, lastBatchMs: 0 };

  constructor(
    private readonly db: WriteDb,
    private readonly walSync: WalSync,
    private readonly options: GroupCommitOptions = defaultGroupCommit,
    private readonly log: WriterLog = () => {},
  ) {}

  /**
   * Runs `work` inside the next batch's transaction and resolves with its result once
   * that transaction is committed and on disk. `work` must be synchronous.
   */
  commit<T>(work: (db: WriteDb) => T): Promise<T> {
    if (this.isClosed) return Promise.reject(new StoreError('The store is closed.'));
    return new Promise<T>((resolve, reject) => {
      this.durable.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (this.durable.length >= this.options.maxBatch) this.flush();
      else this.schedule(true);
    });
  }

  /** Queues best-effort work; `afterCommit` runs once it is written. */
  defer(work: (db: WriteDb) => void, afterCommit?: () => void): void {
    if (this.isClosed) return;
    this.lazy.push({ work, afterCommit });
    if (this.lazy.length >= this.options.maxBatch * 8) this.flush();
    else this.schedule(false);
  }

  /** Commits everything queued, now. */
  flush(): void {
    this.clearTimer();
    if (this.durable.length === 0 && this.lazy.length === 0) return;
    const durable = this.durable;
    const lazy = this.lazy;
    this.durable = [];
    this.lazy = [];
    const started = performance.now();
    try {
      this.runBatch(durable, lazy);
    } catch (batchError) {
      this.log('batch-retried', { error: String(batchError), durable: durable.length, lazy: lazy.length });
      this.runIndividually(durable, lazy);
    }
    const elapsed = performance.now() - started;
    this.stats.batches++;
    this.stats.durableOps += durable.length;
    this.stats.lazyOps += lazy.length;
    this.stats.lastBatchMs = elapsed;
    if (elapsed > SLOW_BATCH_MS) this.log('slow-batch', { ms: Math.round(elapsed), durable: durable.length, lazy: lazy.length });
    // Best-effort work (transcripts) is published once committed; durable work only once
    // the sync that follows has put it on disk: no 250, and no event, before that.
    for (const op of lazy) if (!op.hasFailed) op.afterCommit?.();
    const committed = durable.filter((op) => !op.hasFailed);
    if (committed.length === 0) return;
    this.walSync.sync().then(
      () => committed.forEach((op) => op.resolve(op.result)),
      (error: unknown) => {
        const failure = new StoreError(`Committed data could not be flushed to disk: ${describe(error)}`, { cause: error });
        committed.forEach((op) => op.reject(failure));
      },
    );
  }

  /** Flushes and refuses further work; the last sync still completes. */
  close(): void {
    this.flush();
    this.isClosed = true;
    this.walSync.close();
  }

  private runBatch(durable: DurableOp[], lazy: LazyOp[]): void {
    this.db.transaction(() => {
      for (const op of durable) op.result = op.work(this.db);
      for (const op of lazy) op.work(this.db);
    }).immediate();
  }

  // One bad operation must not cost the rest of the batch their commit.
  private runIndividually(durable: DurableOp[], lazy: LazyOp[]): void {
    for (const op of durable) {
      try {
        op.result = this.db.transaction(() => op.work(this.db)).immediate();
      } catch (error) {
        op.hasFailed = true;
        // A refusal the work itself raised (a conflict, a missing row) reaches the caller as is;
        // only driver failures become a StoreError.
        op.reject(error instanceof EngineError ? error : new StoreError(`Could not write to the store: ${describe(error)}`, { cause: error }));
      }
    }
    for (const op of lazy) {
      try {
        this.db.transaction(() => op.work(this.db)).immediate();
      } catch (error) {
        op.hasFailed = true;
        this.log('lazy-op-failed', { error: describe(error) });
      }
    }
  }

  private schedule(isDurable: boolean): void {
    if (this.timer && (this.timerIsDurable || !isDurable)) return;
    this.clearTimer();
    this.timerIsDurable = isDurable;
    const delay = isDurable ? this.options.windowMs : this.options.lazyFlushMs;
    this.timer = delay === 0 ? setImmediate(() => this.flush()) : setTimeout(() => this.flush(), delay);
  }

  private clearTimer(): void {
    if (!this.timer) return;
    if (this.timerIsDurable && this.options.windowMs === 0) clearImmediate(this.timer as NodeJS.Immediate);
    else clearTimeout(this.timer as NodeJS.Timeout);
    this.timer = null;
    this.timerIsDurable = false;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
