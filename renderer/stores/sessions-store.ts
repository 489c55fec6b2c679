// SMTP sessions connected now, from the 'sessions.live' topic, plus the last few that
// closed while the console watched, so a short session does not vanish unseen.
import { createStore } from 'zustand/vanilla';
import type { ApiClient, ApiError, SessionActivity, SessionView } from '../../engine/api/contract';
import { assertNever } from '../lib/assert-never';
import type { LiveStore } from './live-store';

/** Closed sessions kept on screen; older ones are in the sessions history. */
export const RECENT_SESSIONS_LIMIT = 10;

export interface SessionsState {
  /** Connected now, newest first. */
  active: SessionView[];
  /** Closed since this console opened, newest first. */
  recent: SessionView[];
  isLoaded: boolean;
  error: ApiError | null;
}

const newestFirst = (a: SessionView, b: SessionView): number => b.startedAt - a.startedAt;

export function applySessionActivity(state: SessionsState, activity: SessionActivity): Pick<SessionsState, 'active' | 'recent'> {
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

export function createSessionsStore(client: ApiClient): LiveStore<SessionsState> {
  const store = createStore<SessionsState>(() => ({ active: [], recent: [], isLoaded: false, error: null }));
  return {
    store,
    start: () => client.subscribe('sessions.live', {}, {
      onSnapshot: (sessions) => store.setState({ active: [...sessions].sort(newestFirst), isLoaded: true, error: null }),
      onEvent: (activity) => store.setState((state) => applySessionActivity(state, activity)),
      onError: (error) => store.setState({ error }),
    }),
  };
}
