// Live topics: how each one takes its snapshot and which bus events feed it.
import type { SessionFilter, SessionView, TopicName, Topics } from './contract';
import type { EventBus } from '../events/index';
import type { Store } from '../store/index';
import type { SessionRecorder } from '../ingest/index';
import type { EngineStatus } from './contract';

export interface TopicFeed<T extends TopicName> {
  snapshot(): Topics[T]['snapshot'];
  /** Starts pushing events; returns the stop function. */
  listen(push: (event: Topics[T]['event']) => void): () => void;
  /** High-rate topics merge their events and send at most one per `ms`. */
  coalesce?: { ms: number; merge(earlier: Topics[T]['event'], later: Topics[T]['event']): Topics[T]['event'] };
}

export type TopicSources = { [T in TopicName]: (params: Topics[T]['params']) => TopicFeed<T> };

export interface TopicServices {
  bus: EventBus;
  store: Store;
  recorder: SessionRecorder;
  status(): EngineStatus;
}

/** At most 4 updates per second, as Mailpit merges its stats: nobody reads faster. */
export const LIVE_COALESCE_MS = 250;

export function createTopicSources({ bus, store, recorder, status }: TopicServices): TopicSources {
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
      // Lines are published after their batch commits, so stored lines plus later events
      // cover the conversation without a gap or a repeat.
      snapshot: () => (sessionId ? store.sessions.lines(sessionId) : []),
      coalesce: { ms: LIVE_COALESCE_MS, merge: (earlier, later) => earlier.concat(later) },
      listen(push) {
        return bus.on('transcript.appended', (lines) => {
          const selected = sessionId ? lines.filter((line) => line.sessionId === sessionId) : lines;
          if (selected.length) push(selected);
        });
      },
    }),
  };
}

function matchesSession(session: SessionView, filter: SessionFilter): boolean {
  if (filter.direction && session.direction !== filter.direction) return false;
  if (filter.remoteAddress && session.remoteAddress !== filter.remoteAddress) return false;
  if (filter.authUser && session.authUser !== filter.authUser) return false;
  if (filter.isActive === false) return false;
  return true;
}
