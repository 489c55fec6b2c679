// Handlers behind the console's views: queue pages with counts, qshape, message parts,
// live statistics, top destinations and alerts.
import type { QueueFilter, QueueSort, Stream } from '../contract';
import type { EngineServices } from '../services';
import type { HandlersOf } from './types';
import { RECIPIENT_STATES, queueShape, messageAttachment, messageParts } from '../../queue/index';
import type { QueueCursor } from '../../store/index';
import { NotFoundError, ValidationError } from '../../shared/errors';
import { explainRecipients } from './explain';

type ConsoleMethods = 'queue.list' | 'queue.shape' | 'message.explain' | 'message.parts' | 'message.attachment' | `stats.${string}` | 'alerts.list';

const DEFAULT_PAGE = 50;

export function consoleHandlers(services: EngineServices): HandlersOf<ConsoleMethods> {
  const { store, stats, alerts, status } = services;
  return {
    'queue.list': async ({ limit = DEFAULT_PAGE, cursor, sort = 'createdAt', order = 'asc', ...filter }) => {
      const after = cursor === undefined ? null : decodeCursor(cursor);
      const items = store.recipients.page(filter, sort, order, after, limit + 1);
      const hasMore = items.length > limit;
      if (hasMore) items.pop();
      const last = items.at(-1);
      return { items, nextCursor: hasMore && last ? encodeCursor(sort, last) : null, total: countOf(filter) };
    },
    'queue.shape': async ({ stream, states, limit = 50 }) => queueShape(store, Date.now(), { ...(stream && { stream }), states: states ?? ['queued', 'deferred'], limit }),
    'message.explain': async ({ id }) => {
      if (!store.messages.get(id)) throw new NotFoundError(`No message with queue id ${id}.`, { id });
      return explainRecipients(services, store.recipients.byMessage(id));
    },
    'message.parts': ({ id }) => messageParts(store, id),
    'message.attachment': ({ id, index }) => messageAttachment(store, id, index),
    'stats.minutes': async () => stats.snapshot(),
    'stats.topDestinations': async ({ limit = 10 }) => {
      const waiting = store.recipientCounts.waitingByDomain(limit);
      const seen = new Set(waiting.map((row) => row.domain));
      const active = stats.activeDomains().filter((domain) => !seen.has(domain)).map((domain) => ({ domain, queued: 0, deferred: 0, held: 0 }));
      return [...waiting, ...active]
        .map((row) => {
          const activity = stats.domainActivity(row.domain);
          return { ...row, deliveredLastHour: activity.delivered, deferredLastHour: activity.deferred, bouncedLastHour: activity.bounced };
        })
        .sort((a, b) => b.queued + b.deferred + b.held - (a.queued + a.deferred + a.held) || b.deliveredLastHour - a.deliveredLastHour)
        .slice(0, limit);
    },
    'alerts.list': async ({ limit = 50 }) => alerts.list(limit),
  };

  // Exact and free when only states and stream filter (the live counters); from the counts
  // table with a domain; counted through an index for a message id or an address.
  function countOf(filter: QueueFilter): number | null {
    if (filter.domain && !filter.messageId && !filter.address) return store.recipientCounts.count(filter);
    if (!filter.domain && !filter.messageId && !filter.address) {
      const queue = status().queue;
      const streams: readonly Stream[] = filter.stream ? [filter.stream] : ['transactional', 'bulk'];
      let total = 0;
      for (const stream of streams) for (const state of filter.states ?? RECIPIENT_STATES) total += queue[stream][state];
      return total;
    }
    return store.recipients.count(filter);
  }
}

function encodeCursor(sort: QueueSort, entry: { recipientId: number; nextAttemptAt: number; updatedAt: number }): string {
  const value = sort === 'nextAttemptAt' ? entry.nextAttemptAt : sort === 'updatedAt' ? entry.updatedAt : entry.recipientId;
  return `${value}.${entry.recipientId}`;
}

function decodeCursor(cursor: string): QueueCursor {
  const match = /^(\d+)\.(\d+)$/.exec(cursor);
  if (!match) throw new ValidationError('cursor is not one this API returned.', { field: 'cursor' });
  return { value: Number(match[1]), id: Number(match[2]) };
}
