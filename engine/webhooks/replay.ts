// Replay: the stored events of a time range are queued to one endpoint again, behind
// what already waits, with their original event ids so receivers can tell repeats.
import type { WebhookEventType } from '../api/contract';
import type { Store } from '../store/index';
import type { Clock } from '../shared/clock';
import { ValidationError } from '../shared/errors';
import { EVENT_COLUMNS, EventContextLoader, rowToEvent, type EventRow } from '../events/index';
import type { OutboxRepo } from './outbox-repo';
import type { WebhookService } from './service';
import type { WebhookDispatcher } from './dispatcher';
import { matches } from './fan-out';
import { toWebhookEvents } from './event-map';

/** Events read per transaction, so a long replay never holds the writer for long. */
const CHUNK = 500;

export class WebhookReplay {
  private readonly contexts: EventContextLoader;
  private readonly boundsStatement;
  private readonly rangeStatement;

  constructor(
    private readonly store: Store,
    private readonly service: WebhookService,
    private readonly outbox: OutboxRepo,
    private readonly dispatcher: WebhookDispatcher,
    private readonly clock: Clock,
  ) {
    this.contexts = new EventContextLoader(store.db);
    // Ids bound the walk (index-only over events_by_at); the walk itself goes by id, in the
    // order events happened, so each chunk continues where the last stopped without sorting.
    this.boundsStatement = store.db.prepare<{ from: number; to: number }, { first: number | null; last: number | null }>(
      'SELECT MIN(id) AS first, MAX(id) AS last FROM events WHERE at >= @from AND at < @to');
    this.rangeStatement = store.db.prepare<{ from: number; to: number; after: number; last: number; limit: number }, EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE id > @after AND id <= @last AND +at >= @from AND +at < @to ORDER BY id LIMIT @limit`);
  }

  /** Queues the events stored from `from` until `to` (default: now); returns how many. */
  async replay(id: number, from: number, until: number | undefined, types: WebhookEventType[] | undefined): Promise<number> {
    const to = until ?? this.clock.now() + 1;
    if (to <= from) throw new ValidationError('`to` must be after `from`.', { field: 'to' });
    const endpoint = this.service.require(id);
    const filter = { ...endpoint, eventTypes: types?.length ? types : endpoint.eventTypes };
    const bounds = this.boundsStatement.get({ from, to });
    if (!bounds || bounds.first === null || bounds.last === null) return 0;
    const last = bounds.last;
    let after = bounds.first - 1;
    let queued = 0;
    for (;;) {
      const step = await this.store.writer.commit(() => {
        const rows = this.rangeStatement.all({ from, to, after, last, limit: CHUNK });
        const events = rows.map(rowToEvent);
        const context = this.contexts.load(events);
        const now = this.clock.now();
        let count = 0;
        for (const event of events) {
          for (const published of toWebhookEvents(event, context)) {
            if (!matches(filter, published)) continue;
            this.outbox.enqueue(id, published, now);
            count++;
          }
        }
        return { count, lastRead: rows.at(-1)?.id ?? null, isFull: rows.length === CHUNK };
      });
      queued += step.count;
      if (step.lastRead !== null) after = step.lastRead;
      if (!step.isFull) break;
    }
    this.dispatcher.wake();
    return queued;
  }
}
