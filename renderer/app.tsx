// The console shell: picks the screen for the connection's state (token form, connecting,
// status) under a top bar that always says whether the figures are live.
import { useMemo } from 'react';
import { useStore } from 'zustand';
import type { ConnectionState, ConsoleConnection } from './api/index';
import { TopBar } from './components/top-bar';
import { useLive } from './lib/hooks';
import { createConnectionStore, createConsoleStores, type ConsoleStores } from './stores/index';
import { ConnectingView } from './views/connecting-view';
import { StatusView } from './views/status-view';
import { TokenView } from './views/token-view';

export function App({ connection }: { connection: ConsoleConnection }) {
  const connectionStore = useMemo(() => createConnectionStore(connection), [connection]);
  const stores = useMemo(() => createConsoleStores(connection.client), [connection]);
  const { state } = useLive(connectionStore);
  const status = useStore(stores.status.store, (current) => current.status);
  // Without a working token the console shows nothing about the relay, not even its name.
  const identity = state.kind === 'needs-token' ? null : status;

  return (
    <div className="app">
      <a className="skip-link" href="#main">Skip to content</a>
      <TopBar hostname={identity?.hostname ?? null} version={identity?.version ?? null} state={state} transport={connection.transport} />
      <main id="main" tabIndex={-1}>
        <Screen connection={connection} state={state} stores={stores} />
      </main>
    </div>
  );
}

interface ScreenProps {
  connection: ConsoleConnection;
  state: ConnectionState;
  stores: ConsoleStores;
}

function Screen({ connection, state, stores }: ScreenProps) {
  const hasStatus = useStore(stores.status.store, (current) => current.status !== null);
  if (state.kind === 'needs-token' && connection.transport === 'websocket') {
    return <TokenView reason={state.reason} onSubmit={(token) => connection.authenticate(token)} />;
  }
  // Before the first status arrives there is nothing true to show; after, a dropped link
  // keeps the last figures on screen under a banner.
  if (state.kind !== 'open' && !hasStatus) return <ConnectingView />;
  return <StatusView stores={stores} state={state} />;
}
