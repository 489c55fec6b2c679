// The shape every live store shares: zustand state fed by one contract topic, subscribed
// while at least one view shows it (the shell and a page may both read engine.status).
import type { StoreApi } from 'zustand/vanilla';

export interface LiveStore<S> {
  readonly store: StoreApi<S>;
  /** Subscribes to the topic (a snapshot first, then events); returns the stop function. */
  start(): () => void;
}

/**
 * One topic subscription however many views start the store: the first start subscribes,
 * the last stop unsubscribes. React StrictMode's double effects land here too.
 */
export function shareSubscription(subscribe: () => () => void): () => () => void {
  let users = 0;
  let stop: (() => void) | null = null;
  return () => {
    users += 1;
    if (users === 1) stop = subscribe();
    let isStopped = false;
    return () => {
      if (isStopped) return;
      isStopped = true;
      users -= 1;
      if (users === 0) {
        stop?.();
        stop = null;
      }
    };
  };
}
