// Operator actions on queued mail, by id or by a whole filter: hold, release, retry now,
// bounce, delete. Recipients being delivered right now are never touched.
import type { QueueAction, QueueFilter, QueueSelection, RecipientState, Stream } from '../api/contract';
import type { Store } from '../store/index';
import type { EventBus } from '../events/index';
import type { Clock } from '../shared/clock';
import type { QueueCounters } from './counters';
import { queueWhere } from '../store/repos/recipients';
import { ValidationError } from '../shared/errors';

interface ActionRule {
  from: RecipientState[];
  /** null deletes the rows. */
  to: RecipientState | null;
  reason: string | null;
}

const RULES: Record<QueueAction, ActionRule> = {
  hold: { from: ['queued', 'deferred'], to: 'held', reason: 'Held by the operator; release it to send.' },
  release: { from: ['held'], to: 'queued', reason: null },
  retryNow: { from: ['queued', 'deferred'], to: 'queued', reason: null },
  bounce: { from: ['queued', 'deferred', 'held'], to: 'bounced', reason: 'Bounced by the operator; not sent.' },
  delete: { from: ['queued', 'deferred', 'held', 'delivered', 'bounced', 'suppressed', 'expired'], to: null, reason: null },
};

export class OperatorActions {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly counters: QueueCounters,
    private readonly clock: Clock,
    private readonly onQueued: () => void,
  ) {}

  /** Counts what an action would change, for the console's confirmation ("hold 1,204 recipients?"). */
  preview(action: QueueAction, selection: QueueSelection): number {
    const { sql, params } = this.where(action, selection);
    return (this.store.db.prepare(`SELECT COUNT(*) AS count FROM recipients WHERE ${sql}`).get(params) as { count: number }).count;
  }

  async apply(action: QueueAction, selection: QueueSelection): Promise<{ affected: number }> {
    const rule = RULES[action];
    const now = this.clock.now();
    const { sql, params } = this.where(action, selection);
    const { counts, affected } = await this.store.writer.commit(() => {
      const counts = this.store.db.prepare(`SELECT stream, state, COUNT(*) AS count FROM recipients WHERE ${sql} GROUP BY stream, state`)
        .all(params) as Array<{ stream: Stream; state: RecipientState; count: number }>;
      // History first, while the rows still say what they were.
      this.store.db.prepare(`INSERT INTO events (at, type, message_id, recipient_id, data)
        SELECT @now, @type, message_id, id, json_object('by', 'operator', 'from', state) FROM recipients WHERE ${sql}`)
        .run({ ...params, now, type: `recipient.${rule.to ?? 'deleted'}` });
      const changes = rule.to === null
        ? this.deleteRows(sql, params)
        : this.store.db.prepare(`UPDATE recipients SET state = @to, reason = @reason, updated_at = @now,
            next_attempt_at = CASE WHEN @to = 'queued' THEN @now ELSE next_attempt_at END WHERE ${sql}`)
          .run({ ...params, to: rule.to, reason: rule.reason, now }).changes;
      return { counts, affected: changes };
    });
    for (const { stream, state, count } of counts) {
      if (rule.to === null) this.counters.add(stream, state, -count);
      else this.counters.move(stream, state, rule.to, count);
    }
    this.bus.emit('queue.acted', { action, affected, at: now });
    if (rule.to === 'queued') this.onQueued();
    return { affected };
  }

  private deleteRows(sql: string, params: Record<string, unknown>): number {
    const messageIds = (this.store.db.prepare(`SELECT DISTINCT message_id FROM recipients WHERE ${sql}`).all(params) as Array<{ message_id: string }>)
      .map((row) => row.message_id);
    const deleted = this.store.db.prepare(`DELETE FROM recipients WHERE ${sql}`).run(params).changes;
    // A message with no recipient left has nothing more to do.
    this.store.db.prepare(`DELETE FROM messages WHERE id IN (SELECT value FROM json_each(@ids))
      AND NOT EXISTS (SELECT 1 FROM recipients WHERE message_id = messages.id)`).run({ ids: JSON.stringify(messageIds) });
    return deleted;
  }

  private where(action: QueueAction, selection: QueueSelection): { sql: string; params: Record<string, unknown> } {
    const rule = RULES[action];
    const hasIds = selection.recipientIds !== undefined;
    if (hasIds === (selection.filter !== undefined)) {
      throw new ValidationError('Select recipients either by recipientIds or by filter, not both and not neither.', { field: 'selection' });
    }
    const allowed = this.narrow(rule.from, selection.filter);
    if (allowed.length === 0) return { sql: '0', params: {} };
    const states = queueWhere({ states: allowed });
    if (hasIds) {
      return { sql: `id IN (SELECT value FROM json_each(@ids)) AND ${states.sql}`, params: { ...states.params, ids: JSON.stringify(selection.recipientIds) } };
    }
    const filter = queueWhere({ ...selection.filter!, states: undefined });
    return { sql: [states.sql, filter.sql].filter(Boolean).join(' AND '), params: { ...filter.params, ...states.params } };
  }

  // The states an action may change, narrowed to the filter's own states when it names some.
  private narrow(from: RecipientState[], filter: QueueFilter | undefined): RecipientState[] {
    return filter?.states?.length ? from.filter((state) => filter.states!.includes(state)) : from;
  }
}
