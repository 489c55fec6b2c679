// SMTP sessions connected now, from the 'sessions.live' topic, plus those that closed
// while the console watched, so a short session does not vanish unseen. Activity is
// applied in batches: a busy relay opens and closes dozens a second.
import { createStore } from 'zustand/vanilla';
import type { ApiClient, ApiError, SessionActivity, SessionView } from '../../engine/api/contract';
import { assertNever } from '../lib/assert-never';
import { animationFrames, createFrameBatcher, type FrameScheduler } from '../lib/frame-batcher';
import { shareSubscription, type LiveStore } from './live-store';

/** Closed sessions kept in memory; older ones are in the searchable history. */
export const RECENT_SESSIONS_LIMIT = 200;
/**
 * Session rows move as sessions open and close (newest first): four updates a second read
 * as live, and spare the page re-laying out the list on every frame of a busy relay.
 */
const LIST_UPDATE_MS = 250;

export interface SessionsState {
  /** Connected now, newest first. */
  active: SessionView[];
  /** Closed since this console opened, newest first. */
  recent: SessionView[];
  isLoaded: boolean;
  error: ApiError | null;
}

const newestFirst = (a: SessionView, b: SessionView): number => b.startedAt - a.startedAt;

export function applySessionActivity(state: Pick<SessionsState, 'active' | 'recent'>, activity: SessionActivity): Pick<SessionsState, 'active' | 'recent'> {
  const { session } = activity;
  const others = state.active.filter((candidate) => candidate.id !== session.id);
  switch (activity.kind) {
    case 'opened':
    case 'updated':
      return { active: [...others, session].sort(newestFirst), recent: state.recent };
    case 'closed':
      return {
        active: others,
        recent: [session, ...state.recent.filter((candidate) => candidate.id !== session.id)].slice(0, RECENT_SESSIONS_LIMIT),
      };
    default:
      return assertNever(activity);
  }
}

/** Stored sessions that closed before the console opened join the recent list, behind live closings. */
export function withStoredRecent(state: Pick<SessionsState, 'active' | 'recent'>, stored: readonly SessionView[]): SessionView[] {
  const known = new Set([...state.active, ...state.recent].map((session) => session.id));
  const closed = stored.filter((session) => session.endedAt !== null && !known.has(session.id));
  return [...state.recent, ...closed].sort(newestFirst).slice(0, RECENT_SESSIONS_LIMIT);
}

/** How many stored sessions seed the recent list when the console opens. */
const SEEDED_SESSIONS = 50;

export function createSessionsStore(client: ApiClient, frames: FrameScheduler = animationFrames): LiveStore<SessionsState> {
  const store = createStore<SessionsState>(() => ({ active: [], recent: [], isLoaded: false, error: null }));
  return {
    store,
    start: shareSubscription(() => {
      const batcher = createFrameBatcher<SessionActivity>((batch) => store.setState((state) => batch.reduce(applySessionActivity, state)), frames, LIST_UPDATE_MS);
      const stop = client.subscribe('sessions.live', {}, {
        onSnapshot: (sessions) => {
          batcher.flush();
          store.setState({ active: [...sessions].sort(newestFirst), isLoaded: true, error: null });
        },
        onEvent: (activity) => batcher.push([activity]),
        onError: (error) => store.setState({ error }),
      });
      // Without this an operator opening the console would see nothing until the next session.
      client.call('sessions.list', { limit: SEEDED_SESSIONS }).then(
        (page) => store.setState((state) => ({ recent: withStoredRecent(state, page.items) })),
        () => undefined, // the live list works without the seed; the history tab shows the error
      );
      return () => {
        batcher.dispose();
        stop();
      };
    }),
  };
}
