// Live topics: how each one takes its snapshot and which bus events feed it.
import type { QueueChanges, SessionFilter, SessionView, TopicName, Topics } from './contract';
import type { EngineServices } from './services';

export interface TopicFeed<T extends TopicName> {
  snapshot(): Topics[T]['snapshot'];
  /** Starts pushing events; returns the stop function. */
  listen(push: (event: Topics[T]['event']) => void): () => void;
  /** High-rate topics merge their events and send at most one per `ms`. */
  coalesce?: { ms: number; merge(earlier: Topics[T]['event'], later: Topics[T]['event']): Topics[T]['event'] };
}

export type TopicSources = { [T in TopicName]: (params: Topics[T]['params']) => TopicFeed<T> };

/** At most 4 updates per second, as Mailpit merges its stats: nobody reads faster. */
export const LIVE_COALESCE_MS = 250;

/** Beyond this many changes in one batch, the console refetches instead of applying them. */
const MAX_LISTED_CHANGES = 2000;
const THROTTLE_REFRESH_MS = 1000;
/** A chart of per-minute counts needs no more than one update a second. */
const STATS_COALESCE_MS = 1000;

export function createTopicSources({ bus, recorder, status, throttles, stats, alerts, domains, blocklists, webhooks, migration }: EngineServices): TopicSources {
  return {
    'engine.status': () => ({
      snapshot: status,
      coalesce: { ms: LIVE_COALESCE_MS, merge: (_earlier, later) => later },
      listen(push) {
        const changed = () => push(status());
        const stops = [
          bus.on('message.accepted', changed),
          bus.on('transaction.rejected', changed),
          bus.on('session.opened', changed),
          bus.on('session.closed', changed),
          bus.on('recipient.changed', changed),
          bus.on('queue.acted', changed),
          bus.on('delivery.paused', changed),
          bus.on('delivery.resumed', changed),
        ];
        return () => stops.forEach((stop) => stop());
      },
    }),

    'sessions.live': (filter) => ({
      snapshot: () => recorder.activeSessions().filter((session) => matchesSession(session, filter)),
      listen(push) {
        const forward = (kind: 'opened' | 'updated' | 'closed') => (session: SessionView) => {
          if (matchesSession(session, filter)) push({ kind, session });
        };
        const stops = [
          bus.on('session.opened', forward('opened')),
          bus.on('session.updated', forward('updated')),
          bus.on('session.closed', forward('closed')),
        ];
        return () => stops.forEach((stop) => stop());
      },
    }),

    'transcript.lines': ({ sessionId }) => ({
      // The snapshot ends at the last line published; later lines arrive as events.
      snapshot: () => (sessionId ? recorder.transcript(sessionId, true) : []),
      coalesce: { ms: LIVE_COALESCE_MS, merge: (earlier, later) => earlier.concat(later) },
      listen(push) {
        return bus.on('transcript.appended', (lines) => {
          const selected = sessionId ? lines.filter((line) => line.sessionId === sessionId) : lines;
          if (selected.length) push(selected);
        });
      },
    }),

    'queue.changes': () => ({
      snapshot: () => status().queue,
      coalesce: { ms: LIVE_COALESCE_MS, merge: mergeQueueChanges },
      listen(push) {
        const empty = (): QueueChanges => ({ changes: [], acted: [], accepted: [], isTruncated: false });
        const stops = [
          bus.on('recipient.changed', (changes) => push({ ...empty(), changes: changes.map(({ recipientId, messageId, stream, domain, from, to, at, reason }) => ({ recipientId, messageId, stream, domain, from, to, at, reason })) })),
          bus.on('queue.acted', (acted) => push({ ...empty(), acted: [acted] })),
          bus.on('message.accepted', (message) => push({ ...empty(), accepted: [{ messageId: message.id, stream: message.stream, recipients: message.recipients.length, at: message.receivedAt }] })),
        ];
        return () => stops.forEach((stop) => stop());
      },
    }),

    'stats.live': () => ({
      snapshot: () => stats.snapshot(),
      coalesce: { ms: STATS_COALESCE_MS, merge: (_earlier, later) => later },
      listen: (push) => stats.onChange(push),
    }),

    'alerts.live': () => ({
      snapshot: () => alerts.list(50),
      listen: (push) => alerts.onAlert(push),
    }),

    'domains.live': () => ({
      snapshot: () => domains.list(),
      listen: (push) => bus.on('domain.changed', ({ domain, kind, at }) => {
        push({ domain, kind, at, view: domains.find(domain) });
      }),
    }),

    'blocklists.live': () => ({
      snapshot: () => blocklists.status(),
      // A check changes many entries at once: one full view per burst is enough.
      coalesce: { ms: LIVE_COALESCE_MS, merge: (_earlier, later) => later },
      listen: (push) => blocklists.onChange(() => push(blocklists.status())),
    }),

    'webhooks.live': () => ({
      snapshot: () => webhooks.service.list(),
      listen: (push) => webhooks.service.onActivity(push),
    }),

    'migrations.live': () => ({
      snapshot: () => migration.list(),
      listen: (push) => migration.onChange(push),
    }),

    'throttles.live': () => ({
      snapshot: () => throttles.effective(),
      coalesce: { ms: LIVE_COALESCE_MS, merge: (_earlier, later) => later },
      listen(push) {
        const stop = bus.on('throttle.changed', () => push(throttles.effective()));
        // Rates and connection counts move without rule changes; refresh while anything is busy.
        const timer = setInterval(() => {
          const current = throttles.effective();
          if (current.length) push(current);
        }, THROTTLE_REFRESH_MS);
        return () => {
          stop();
          clearInterval(timer);
        };
      },
    }),
  };
}

function mergeQueueChanges(earlier: QueueChanges, later: QueueChanges): QueueChanges {
  const merged = {
    changes: earlier.changes.concat(later.changes),
    acted: earlier.acted.concat(later.acted),
    accepted: earlier.accepted.concat(later.accepted),
    isTruncated: earlier.isTruncated || later.isTruncated,
  };
  if (merged.changes.length + merged.accepted.length <= MAX_LISTED_CHANGES) return merged;
  return { changes: [], acted: merged.acted, accepted: [], isTruncated: true };
}

function matchesSession(session: SessionView, filter: SessionFilter): boolean {
  if (filter.direction && session.direction !== filter.direction) return false;
  if (filter.remoteAddress && session.remoteAddress !== filter.remoteAddress) return false;
  if (filter.authUser && session.authUser !== filter.authUser) return false;
  if (filter.isActive === false) return false;
  return true;
}
