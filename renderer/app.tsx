// The console: the token form or "connecting" until the relay answers, then the shell
// with its pages. Without a working token nothing about the relay is shown.
import { useMemo, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { ConnectionState, ConsoleConnection } from './api/index';
import { ConnectionIndicator, linkKindOf, type LinkKind } from './components/connection-indicator';
import { useLive } from './lib/hooks';
import { ConsoleShell } from './shell/console-shell';
import { createConnectionStore, createConsoleStores } from './stores/index';
import { createNoticeStore } from './stores/notice-store';
import type { SetupGuideState } from './stores/setup-guide-store';
import type { ThemeState } from './stores/theme-store';
import { ConnectingView } from './views/connecting-view';
import { TokenView } from './views/token-view';

interface AppProps {
  connection: ConsoleConnection;
  theme: StoreApi<ThemeState>;
  setupGuide: StoreApi<SetupGuideState>;
}

export function App({ connection, theme, setupGuide }: AppProps) {
  const connectionStore = useMemo(() => createConnectionStore(connection), [connection]);
  const stores = useMemo(() => createConsoleStores(connection.client), [connection]);
  const notices = useMemo(() => createNoticeStore(), []);
  const { state } = useLive(connectionStore);
  const hasStatus = useStore(stores.status.store, (current) => current.status !== null);

  const authenticate = connection.authenticate;
  if (state.kind === 'needs-token' && authenticate) {
    return (
      <BarePage state={state} link={linkKindOf(connection)}>
        <TokenView reason={state.reason} onSubmit={authenticate} />
      </BarePage>
    );
  }
  // Before the first status there is nothing true to show; after, a dropped link keeps
  // the last figures on screen under a banner.
  if (state.kind !== 'open' && !hasStatus) {
    return (
      <BarePage state={state} link={linkKindOf(connection)}>
        <ConnectingView />
      </BarePage>
    );
  }
  return <ConsoleShell connection={connection} state={state} stores={stores} theme={theme} setupGuide={setupGuide} notices={notices} />;
}

function BarePage({ state, link, children }: { state: ConnectionState; link: LinkKind; children: ReactNode }) {
  return (
    <div className="bare-page">
      <header className="bare-header">
        <span className="brand-name">Relaydesk</span>
        <ConnectionIndicator state={state} link={link} />
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
    </div>
  );
}
