// The queue's write side: leasing due recipients and recording what happened to them.
import type { WriteDb } from '../database';
import type { RecipientState, Stream } from '../../api/contract';

export interface LeasedRow {
  id: number;
  messageId: string;
  address: string;
  domain: string;
  attempts: number;
  expiresAt: number;
}

export interface LeasedMessage {
  id: string;
  mailFrom: string;
  senderDomain: string;
  route: string | null;
  size: number;
  receivedAt: number;
  stream: Stream;
}

/** A recipient's next state after an attempt (or an operator action). */
export interface Transition {
  id: number;
  state: RecipientState;
  attemptsDelta: number;
  nextAttemptAt: number | null;
  lastReply: string | null;
  reason: string | null;
  at: number;
}

export class DeliveryQueueRepo {
  private readonly candidateStatements;
  private readonly markLeasedStatement;
  private readonly messagesStatement;
  private readonly transitionStatement;
  private readonly releaseExpiredStatement;
  private readonly nextDueStatement;

  constructor(db: WriteDb) {
    // The index recipients_by_stream_state_next serves the SELECT. Picking and marking run
    // in the same write transaction on the store's only writer, so two leases never take the
    // same row. (One UPDATE ... WHERE id IN (SELECT ... LIMIT) costs ~140 us even when
    // nothing is due; the SELECT alone ~20 us, and most passes find nothing.)
    const candidates = (extra: string) => db.prepare<Record<string, unknown>, { id: number }>(`
      SELECT id FROM recipients
      WHERE stream = @stream AND state = @state AND next_attempt_at <= @now ${extra}
      ORDER BY next_attempt_at, id LIMIT @limit`);
    const skippingDomains = 'AND domain NOT IN (SELECT value FROM json_each(@pausedDomains))';
    // Only while a route is paused: the route lives on the message, one lookup per row.
    const skippingRoutes = `AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = recipients.message_id
      AND m.route IN (SELECT value FROM json_each(@pausedRoutes)))`;
    this.candidateStatements = [
      candidates(''),
      candidates(skippingDomains),
      candidates(skippingRoutes),
      candidates(`${skippingDomains} ${skippingRoutes}`),
    ];
    this.markLeasedStatement = db.prepare<{ id: number; leaseUntil: number; now: number }, { id: number; message_id: string; address: string; domain: string; attempts: number; expires_at: number }>(`
      UPDATE recipients SET state = 'sending', lease_until = @leaseUntil, updated_at = @now WHERE id = @id
      RETURNING id, message_id, address, domain, attempts, expires_at`);
    this.messagesStatement = db.prepare<[string], { id: string; mail_from: string; sender_domain: string; route: string | null; size: number; received_at: number; stream: Stream }>(
      `SELECT id, mail_from, sender_domain, route, size, received_at, stream FROM messages
       WHERE id IN (SELECT value FROM json_each(?))`);
    this.transitionStatement = db.prepare(`UPDATE recipients SET state = @state, attempts = attempts + @attemptsDelta,
      next_attempt_at = COALESCE(@nextAttemptAt, next_attempt_at), last_reply = COALESCE(@lastReply, last_reply),
      reason = @reason, lease_until = NULL, last_attempt_at = CASE WHEN @attemptsDelta > 0 THEN @at ELSE last_attempt_at END,
      updated_at = @at WHERE id = @id`);
    this.releaseExpiredStatement = db.prepare<{ now: number }, { stream: Stream }>(`UPDATE recipients
      SET state = 'queued', lease_until = NULL, updated_at = @now
      WHERE state = 'sending' AND lease_until < @now RETURNING stream`);
    this.nextDueStatement = db.prepare<{ stream: Stream; state: RecipientState }, { at: number | null }>(
      'SELECT MIN(next_attempt_at) AS at FROM recipients WHERE stream = @stream AND state = @state');
  }

  lease(stream: Stream, state: 'queued' | 'deferred', now: number, leaseUntil: number, limit: number, paused: { domains: string[]; routes: string[] }): LeasedRow[] {
    const params = { stream, state, now, limit, pausedDomains: JSON.stringify(paused.domains), pausedRoutes: JSON.stringify(paused.routes) };
    const statement = this.candidateStatements[(paused.domains.length ? 1 : 0) + (paused.routes.length ? 2 : 0)]!;
    return statement.all(params).map(({ id }) => {
      const row = this.markLeasedStatement.get({ id, leaseUntil, now })!;
      return { id: row.id, messageId: row.message_id, address: row.address, domain: row.domain, attempts: row.attempts, expiresAt: row.expires_at };
    });
  }

  messages(ids: string[]): LeasedMessage[] {
    return this.messagesStatement.all(JSON.stringify(ids)).map((row) => ({
      id: row.id, mailFrom: row.mail_from, senderDomain: row.sender_domain, route: row.route, size: row.size,
      receivedAt: row.received_at, stream: row.stream,
    }));
  }

  apply(transition: Transition): void {
    this.transitionStatement.run(transition);
  }

  /** Leases whose holder died or hung go back to the queue; returns their streams. */
  releaseExpired(now: number): Stream[] {
    return this.releaseExpiredStatement.all({ now }).map((row) => row.stream);
  }

  nextDueAt(stream: Stream, state: 'queued' | 'deferred'): number | null {
    return this.nextDueStatement.get({ stream, state })?.at ?? null;
  }
}
