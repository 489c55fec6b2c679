// The engine status from the 'engine.status' topic: listeners, counters, queue counts.
import { createStore } from 'zustand/vanilla';
import type { ApiClient, ApiError, EngineStatus } from '../../engine/api/contract';
import type { LiveStore } from './live-store';

export interface StatusState {
  status: EngineStatus | null;
  /**
   * Local time (epoch ms) when `status` arrived. With `status.takenAt` it measures the
   * skew between this machine's clock and the relay's, so uptime ticks correctly.
   */
  receivedAt: number | null;
  error: ApiError | null;
}

export function createStatusStore(client: ApiClient, now: () => number = Date.now): LiveStore<StatusState> {
  const store = createStore<StatusState>(() => ({ status: null, receivedAt: null, error: null }));
  const accept = (status: EngineStatus): void => store.setState({ status, receivedAt: now(), error: null });
  return {
    store,
    start: () => client.subscribe('engine.status', {}, {
      onSnapshot: accept,
      onEvent: accept,
      onError: (error) => store.setState({ error }),
    }),
  };
}
