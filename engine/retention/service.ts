// Runs the purge: every hour, and on demand. Each step is a small batch committed through
// the writer's group commit, and the loop yields between batches, so ingest (which shares
// the writer and the event loop) waits at most one small batch.
import type { RetentionRunView, RetentionSettings, RetentionView, Stream } from '../api/contract';
import type { Store } from '../store/index';
import type { Clock } from '../shared/clock';
import { LinkedRecords, type ContentCutoffs } from './linked-records';
import { PurgeSteps, type Position, type StepResult } from './purge';
import { readRetention, writeRetention } from './settings';

const DAY = 86_400_000;
const RUN_EVERY_MS = 3_600_000;
const STREAMS: readonly Stream[] = ['transactional', 'bulk'];
const CURSOR_KEY = 'retention.transcripts-cursor';
const LAST_RUN_KEY = 'retention.last-run';

/** Rows per transaction at most (purge.ts also ends a batch after a few milliseconds of work). */
const BATCH = { bodies: 200, messages: 100, rows: 500 } as const;

type RunCounts = Omit<RetentionRunView, 'startedAt' | 'finishedAt'>;

/** A run's counts before it starts; also fills counts a run stored by an older version lacks. */
const NO_COUNTS: RunCounts = {
  bodiesPurged: 0, transcriptsPurged: 0, trackingDetailsPurged: 0, reportFieldsPurged: 0, messagesDeleted: 0, eventsDeleted: 0,
  sessionsDeleted: 0, webhookRecordsDeleted: 0, trackingEventsDeleted: 0, inboundReportsDeleted: 0, messageExtrasDeleted: 0, batches: 0, longestBatchMs: 0,
};

export class RetentionService {
  private readonly steps: PurgeSteps;
  private readonly linked: LinkedRecords;
  private running: Promise<RetentionRunView> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log: (message: string, details: Record<string, unknown>) => void,
  ) {
    this.linked = new LinkedRecords(store.db);
    this.steps = new PurgeSteps(store.db, this.linked);
  }

  start(): void {
    this.timer = setInterval(() => {
      this.run().catch((error: unknown) => this.log('retention purge failed', { error: String(error) }));
    }, RUN_EVERY_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  view(): RetentionView {
    const lastRun = this.store.settings.get<RetentionRunView>(LAST_RUN_KEY);
    return { settings: readRetention(this.store), lastRun: lastRun ? { ...NO_COUNTS, ...lastRun } : null, isRunning: this.running !== null };
  }

  async set(patch: Partial<RetentionSettings>): Promise<RetentionView> {
    await writeRetention(this.store, patch, this.clock.now());
    return this.view();
  }

  /** Purges what is past its days; a call during a run waits for that run. */
  run(): Promise<RetentionRunView> {
    this.running ??= this.purge().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async purge(): Promise<RetentionRunView> {
    const settings = readRetention(this.store);
    const now = this.clock.now();
    const report: RetentionRunView = { startedAt: now, finishedAt: now, ...NO_COUNTS };
    const batch = async <P>(step: () => StepResult<P>): Promise<StepResult<P>> => {
      const result = await this.store.writer.commit(() => {
        const started = performance.now();
        const stepResult = step();
        report.longestBatchMs = Math.max(report.longestBatchMs, Math.round((performance.now() - started) * 100) / 100);
        return stepResult;
      });
      report.batches++;
      // Let SMTP sessions and deliveries have the event loop before the next batch.
      await new Promise((resolve) => setImmediate(resolve));
      return result;
    };
    const walk = async <P = Position>(step: (after: P | null) => StepResult<P>, add: (result: StepResult<P>) => void, from: P | null = null): Promise<P | null> => {
      let after = from;
      for (;;) {
        const result = await batch(() => step(after));
        add(result);
        after = result.next ?? after;
        if (result.isDone) return after;
      }
    };
    for (const stream of STREAMS) {
      await walk((after) => this.steps.bodies(stream, now - settings[stream].bodyDays * DAY, after, BATCH.bodies, now), (r) => {
        report.bodiesPurged += r.removed;
        report.transcriptsPurged += r.transcripts ?? 0;
      });
    }
    const longestBodyDays = Math.max(...STREAMS.map((stream) => settings[stream].bodyDays));
    const longestMetadataDays = Math.max(...STREAMS.map((stream) => settings[stream].metadataDays));
    // Sessions are walked once, in start order, from where the last run stopped.
    const transcriptsFrom = this.store.settings.get<Position>(CURSOR_KEY) ?? null;
    const transcriptsTo = await walk((after) => this.steps.transcripts(now - longestBodyDays * DAY, after, BATCH.rows),
      (r) => (report.transcriptsPurged += r.removed), transcriptsFrom);
    const content: ContentCutoffs = {
      byStream: { transactional: now - settings.transactional.bodyDays * DAY, bulk: now - settings.bulk.bodyDays * DAY },
      unknown: now - longestBodyDays * DAY,
    };
    await walk((after) => this.linked.trackingContent(content, after, BATCH.rows), (r) => (report.trackingDetailsPurged += r.removed));
    await walk((after) => this.linked.reportContent(content, after, BATCH.rows), (r) => (report.reportFieldsPurged += r.removed));
    const eventsUpTo = this.steps.eventsReadByAll();
    for (const stream of STREAMS) {
      await walk((after) => this.steps.messages(stream, now - settings[stream].metadataDays * DAY, after, BATCH.messages, eventsUpTo), (r) => {
        report.messagesDeleted += r.removed;
        report.eventsDeleted += r.events ?? 0;
        report.trackingEventsDeleted += r.linked?.trackingEvents ?? 0;
        report.inboundReportsDeleted += r.linked?.inboundReports ?? 0;
        report.messageExtrasDeleted += r.linked?.messageExtras ?? 0;
      });
    }
    const metadataCutoff = now - longestMetadataDays * DAY;
    await walk(() => this.steps.sessions(metadataCutoff, BATCH.rows), (r) => (report.sessionsDeleted += r.removed));
    await walk(() => this.steps.events(metadataCutoff, eventsUpTo, BATCH.rows), (r) => (report.eventsDeleted += r.removed));
    await walk(() => this.steps.webhookRecords(metadataCutoff, BATCH.rows), (r) => (report.webhookRecordsDeleted += r.removed));
    await walk((after) => this.linked.orphanTracking(metadataCutoff, after, BATCH.rows), (r) => (report.trackingEventsDeleted += r.removed));
    await walk((after) => this.linked.orphanReports(metadataCutoff, after, BATCH.rows), (r) => (report.inboundReportsDeleted += r.removed));
    await walk<string>((after) => this.linked.orphanExtras(metadataCutoff, after, BATCH.rows), (r) => (report.messageExtrasDeleted += r.removed));
    report.finishedAt = this.clock.now();
    await this.store.writer.commit(() => {
      if (transcriptsTo !== transcriptsFrom) this.store.settings.set(CURSOR_KEY, transcriptsTo, now);
      this.store.settings.set(LAST_RUN_KEY, report, now);
    });
    this.log('retention purge finished', { ...report });
    return report;
  }
}
