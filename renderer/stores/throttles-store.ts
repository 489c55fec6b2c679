// Effective throttles of busy destinations from 'throttles.live'; each event is the full list.
import { createStore } from 'zustand/vanilla';
import type { ApiClient, ApiError, EffectiveThrottle } from '../../engine/api/contract';
import { shareSubscription, type LiveStore } from './live-store';

export interface ThrottlesState {
  effective: EffectiveThrottle[];
  isLoaded: boolean;
  error: ApiError | null;
}

export function createThrottlesStore(client: ApiClient): LiveStore<ThrottlesState> {
  const store = createStore<ThrottlesState>(() => ({ effective: [], isLoaded: false, error: null }));
  const accept = (effective: EffectiveThrottle[]): void => store.setState({ effective, isLoaded: true, error: null });
  return {
    store,
    start: shareSubscription(() => client.subscribe('throttles.live', {}, {
      onSnapshot: accept,
      onEvent: accept,
      onError: (error) => store.setState({ error }),
    })),
  };
}
