// The engine status from the 'engine.status' topic: listeners, counters, queue counts,
// delivery mode and pauses. The shell reads it for the banner, pages for their figures.
import { createStore } from 'zustand/vanilla';
import type { ApiClient, ApiError, EngineStatus } from '../../engine/api/contract';
import { toApiCallError } from '../api/api-errors';
import { shareSubscription, type LiveStore } from './live-store';

export interface StatusState {
  status: EngineStatus | null;
  /**
   * Local time (epoch ms) when `status` arrived. With `status.takenAt` it measures the
   * skew between this machine's clock and the relay's, so uptime ticks correctly.
   */
  receivedAt: number | null;
  error: ApiError | null;
}

export interface StatusStore extends LiveStore<StatusState> {
  /**
   * Asks for the status now. The topic does not publish pause and resume (no bus event
   * carries them yet), so views that pause or resume call this afterwards.
   */
  refresh(): Promise<void>;
}

export function createStatusStore(client: ApiClient, now: () => number = Date.now): StatusStore {
  const store = createStore<StatusState>(() => ({ status: null, receivedAt: null, error: null }));
  const accept = (status: EngineStatus): void => store.setState({ status, receivedAt: now(), error: null });
  return {
    store,
    refresh: () => client.call('engine.status', {}).then(accept, (reason: unknown) => store.setState({ error: toApiCallError(reason) })),
    start: shareSubscription(() => client.subscribe('engine.status', {}, {
      onSnapshot: accept,
      onEvent: accept,
      onError: (error) => store.setState({ error }),
    })),
  };
}

/** Recipients still to deliver (queued, sending, deferred, held) across both streams. */
export function waitingRecipients(status: EngineStatus): number {
  let total = 0;
  for (const counts of Object.values(status.queue)) total += counts.queued + counts.sending + counts.deferred + counts.held;
  return total;
}

/**
 * Beyond this many waiting recipients, whole-queue aggregates (qshape, top destinations)
 * take the engine long enough that the console asks for them less often, or on request.
 */
export const LARGE_QUEUE_RECIPIENTS = 200_000;
