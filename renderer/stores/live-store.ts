// The shape every live store shares: zustand state fed by one contract topic.
import type { StoreApi } from 'zustand/vanilla';

export interface LiveStore<S> {
  readonly store: StoreApi<S>;
  /** Subscribes to the topic (a snapshot first, then events); returns the stop function. */
  start(): () => void;
}
