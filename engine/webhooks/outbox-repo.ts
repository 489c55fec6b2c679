// The webhook outbox (one row per event and endpoint, sent in id order) and the log of
// every POST made to deliver it.
import type { WebhookAttemptView, WebhookDeliveryView, WebhookEvent } from '../api/contract';
import type { WriteDb } from '../store/index';

export interface OutboxRow {
  id: number;
  payload: string;
  createdAt: number;
}

export type NewAttempt = Omit<WebhookAttemptView, 'id' | 'webhookId'> & {
  endpointId: number;
  firstOutboxId: number | null;
  lastOutboxId: number | null;
};

const ATTEMPT_COLUMNS = `id, endpoint_id AS webhookId, at, is_test AS isTest, event_count AS eventCount, status,
  is_success AS isSuccess, duration_ms AS durationMs, error, response_excerpt AS responseExcerpt`;

type AttemptRow = Omit<WebhookAttemptView, 'isTest' | 'isSuccess'> & { isTest: number; isSuccess: number };

function rowToAttempt(row: AttemptRow): WebhookAttemptView {
  return { ...row, isTest: row.isTest === 1, isSuccess: row.isSuccess === 1 };
}

export class OutboxRepo {
  private readonly enqueueStatement;
  private readonly headStatement;
  private readonly deliveredStatement;
  private readonly failedAttemptStatement;
  private readonly expireStatement;
  private readonly restartWindowStatement;
  private readonly countsStatement;
  private readonly attemptStatement;
  private readonly lastAttemptStatement;
  private readonly attemptsStatement;
  private readonly deliveriesStatement;
  private readonly recentStatement;
  private readonly requeueStatement;

  constructor(db: WriteDb) {
    this.enqueueStatement = db.prepare(`INSERT INTO webhook_outbox (endpoint_id, event_id, type, message_id, payload, state, window_start_at, created_at)
      VALUES (@endpointId, @eventId, @type, @messageId, @payload, 'pending', @now, @now)`);
    this.headStatement = db.prepare<[number, number], OutboxRow>(`SELECT id, payload, created_at AS createdAt FROM webhook_outbox
      WHERE endpoint_id = ? AND state = 'pending' ORDER BY id LIMIT ?`);
    this.deliveredStatement = db.prepare(`UPDATE webhook_outbox SET state = 'delivered', attempts = attempts + 1, finished_at = @now, last_error = NULL
      WHERE id IN (SELECT value FROM json_each(@ids)) AND state = 'pending'`);
    this.failedAttemptStatement = db.prepare(`UPDATE webhook_outbox SET attempts = attempts + 1, last_error = @error
      WHERE id IN (SELECT value FROM json_each(@ids)) AND state = 'pending'`);
    this.expireStatement = db.prepare(`UPDATE webhook_outbox SET state = 'failed', finished_at = @now,
      last_error = COALESCE(last_error, 'Not attempted.') || ' Given up: not delivered within the retry window.'
      WHERE endpoint_id = @endpointId AND state = 'pending' AND window_start_at <= @cutoff`);
    this.restartWindowStatement = db.prepare(`UPDATE webhook_outbox SET window_start_at = @now WHERE endpoint_id = @endpointId AND state = 'pending'`);
    this.countsStatement = db.prepare<[number], { state: 'pending' | 'failed'; count: number }>(
      `SELECT state, COUNT(*) AS count FROM webhook_outbox WHERE endpoint_id = ? AND state IN ('pending', 'failed') GROUP BY state`);
    // The endpoint may have been removed while its request was in flight: then there is nothing to log.
    this.attemptStatement = db.prepare(`INSERT INTO webhook_attempts (endpoint_id, at, is_test, first_outbox_id, last_outbox_id, event_count,
      status, is_success, duration_ms, error, response_excerpt)
      SELECT @endpointId, @at, @isTest, @firstOutboxId, @lastOutboxId, @eventCount, @status, @isSuccess, @durationMs, @error, @responseExcerpt
      WHERE EXISTS (SELECT 1 FROM webhook_endpoints WHERE id = @endpointId)`);
    this.lastAttemptStatement = db.prepare<[number], AttemptRow>(`SELECT ${ATTEMPT_COLUMNS} FROM webhook_attempts WHERE endpoint_id = ? ORDER BY id DESC LIMIT 1`);
    this.attemptsStatement = db.prepare<[number, number, number], AttemptRow>(
      `SELECT ${ATTEMPT_COLUMNS} FROM webhook_attempts WHERE endpoint_id = ? AND id < ? ORDER BY id DESC LIMIT ?`);
    this.deliveriesStatement = db.prepare<{ endpointId: number; state: string | null; before: number; limit: number }, Omit<WebhookDeliveryView, 'webhookId'>>(
      `SELECT id, event_id AS eventId, type, message_id AS messageId, state, attempts, created_at AS createdAt, finished_at AS finishedAt,
      last_error AS lastError FROM webhook_outbox WHERE endpoint_id = @endpointId AND (@state IS NULL OR state = @state) AND id < @before
      ORDER BY id DESC LIMIT @limit`);
    // Bounded by the (endpoint_id, id) index: the newest attempts only, however long the log.
    this.recentStatement = db.prepare<[number, number], { attempts: number; succeeded: number | null }>(
      `SELECT COUNT(*) AS attempts, SUM(is_success) AS succeeded FROM
      (SELECT is_success FROM webhook_attempts WHERE endpoint_id = ? ORDER BY id DESC LIMIT ?)`);
    // A new row with the stored payload: the event keeps its id, and goes behind what waits.
    this.requeueStatement = db.prepare(`INSERT INTO webhook_outbox (endpoint_id, event_id, type, message_id, payload, state, window_start_at, created_at)
      SELECT endpoint_id, event_id, type, message_id, payload, 'pending', @now, @now FROM webhook_outbox
      WHERE id = @deliveryId AND endpoint_id = @endpointId AND state IN ('delivered', 'failed')`);
  }

  enqueue(endpointId: number, event: WebhookEvent, now: number): void {
    this.enqueueStatement.run({ endpointId, eventId: event.id, type: event.type, messageId: event.message?.id ?? null, payload: JSON.stringify(event), now });
  }

  /** The oldest waiting events of an endpoint: they go first, whatever happens to later ones. */
  head(endpointId: number, limit: number): OutboxRow[] {
    return this.headStatement.all(endpointId, limit);
  }

  markDelivered(ids: number[], now: number): void {
    this.deliveredStatement.run({ ids: JSON.stringify(ids), now });
  }

  markFailedAttempt(ids: number[], error: string): void {
    this.failedAttemptStatement.run({ ids: JSON.stringify(ids), error });
  }

  /** Gives up on events waiting since before `cutoff`; returns how many. */
  expire(endpointId: number, cutoff: number, now: number): number {
    return this.expireStatement.run({ endpointId, cutoff, now }).changes;
  }

  /** A re-enabled endpoint gets a full retry window for what accumulated while it was off. */
  restartWindow(endpointId: number, now: number): void {
    this.restartWindowStatement.run({ endpointId, now });
  }

  counts(endpointId: number): { pending: number; failed: number } {
    const counts = { pending: 0, failed: 0 };
    for (const row of this.countsStatement.all(endpointId)) counts[row.state] = row.count;
    return counts;
  }

  /** The attempt's id; null when its endpoint no longer exists. */
  logAttempt(attempt: NewAttempt): number | null {
    const result = this.attemptStatement.run({ ...attempt, isTest: attempt.isTest ? 1 : 0, isSuccess: attempt.isSuccess ? 1 : 0 });
    return result.changes ? Number(result.lastInsertRowid) : null;
  }

  lastAttempt(endpointId: number): WebhookAttemptView | null {
    const row = this.lastAttemptStatement.get(endpointId);
    return row ? rowToAttempt(row) : null;
  }

  /** Newest first, before attempt id `before`. */
  attempts(endpointId: number, before: number, limit: number): WebhookAttemptView[] {
    return this.attemptsStatement.all(endpointId, before, limit).map(rowToAttempt);
  }

  /** How many of the latest `limit` attempts there are and how many succeeded. */
  recent(endpointId: number, limit: number): { attempts: number; succeeded: number } {
    const row = this.recentStatement.get(endpointId, limit);
    return { attempts: row?.attempts ?? 0, succeeded: row?.succeeded ?? 0 };
  }

  /** Queues a finished delivery's event again; false when there is no such finished delivery. */
  requeue(endpointId: number, deliveryId: number, now: number): boolean {
    return this.requeueStatement.run({ endpointId, deliveryId, now }).changes > 0;
  }

  deliveries(endpointId: number, state: WebhookDeliveryView['state'] | null, before: number, limit: number): WebhookDeliveryView[] {
    return this.deliveriesStatement.all({ endpointId, state, before, limit }).map((row) => ({ ...row, webhookId: endpointId }));
  }
}
