// The state of the link to the relay as a store, so views re-render when it changes.
import { createStore } from 'zustand/vanilla';
import type { ConnectionState, ConsoleConnection } from '../api/index';
import type { LiveStore } from './live-store';

export interface ConnectionView {
  state: ConnectionState;
}

export function createConnectionStore(connection: ConsoleConnection): LiveStore<ConnectionView> {
  const store = createStore<ConnectionView>(() => ({ state: connection.state() }));
  return {
    store,
    start() {
      store.setState({ state: connection.state() });
      return connection.onStateChange((state) => store.setState({ state }));
    },
  };
}
