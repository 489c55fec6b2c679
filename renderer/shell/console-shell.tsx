// The console around every page: sidebar, top bar, the banners that must always show
// (stale figures, sandbox mode, pauses), the page for the route, shortcuts and notices.
import { useCallback, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { PauseView } from '../../engine/api/contract';
import type { ConnectionState, ConsoleConnection } from '../api/index';
import { toApiCallError } from '../api/api-errors';
import { describeApiError } from '../api/index';
import { linkKindOf } from '../components/connection-indicator';
import { Notices } from '../components/notices';
import { TopBar } from '../components/top-bar';
import { formatClock } from '../lib/format';
import { useLive } from '../lib/hooks';
import type { ConsoleStores } from '../stores/index';
import { waitingRecipients } from '../stores/status-store';
import type { NoticeState } from '../stores/notice-store';
import type { SetupGuideState } from '../stores/setup-guide-store';
import type { ThemeState } from '../stores/theme-store';
import { ConsoleContext, type ConsoleContextValue } from './console-context';
import { DeliveryBanner } from './delivery-banner';
import { PageOutlet } from './page-outlet';
import { navPageOf, pageRoute, type PageId } from './routes';
import { ShortcutHelp } from './shortcut-help';
import { Sidebar } from './sidebar';
import { useFirstStart } from './use-first-start';
import { useHashRoute } from './use-hash-route';
import { useShortcuts } from './use-shortcuts';

interface ConsoleShellProps {
  connection: ConsoleConnection;
  state: ConnectionState;
  stores: ConsoleStores;
  theme: StoreApi<ThemeState>;
  setupGuide: StoreApi<SetupGuideState>;
  notices: StoreApi<NoticeState>;
}

export function ConsoleShell({ connection, state, stores, theme, setupGuide, notices }: ConsoleShellProps) {
  const [route, navigate] = useHashRoute(window);
  useFirstStart({ client: connection.client, guide: setupGuide, win: window, navigate });
  const { status, receivedAt } = useLive(stores.status);
  const [isHelpOpen, setHelpOpen] = useState(false);
  const showNotice = useStore(notices, (current) => current.show);

  const shortcutHandlers = useMemo(() => ({
    go: (page: PageId) => navigate(pageRoute(page)),
    help: () => setHelpOpen((isOpen) => !isOpen),
  }), [navigate]);
  useShortcuts(document, shortcutHandlers);

  const context = useMemo<ConsoleContextValue>(() => ({
    client: connection.client, stores, theme, setupGuide, notices, transport: connection.transport, route, navigate,
  }), [connection, stores, theme, setupGuide, notices, route, navigate]);

  const resume = useCallback((pause: PauseView) => {
    connection.client.call('delivery.resume', { kind: pause.kind, target: pause.target }).then(
      () => {
        void stores.status.refresh();
        showNotice(`Resumed delivery of ${pause.target}.`);
      },
      (reason: unknown) => showNotice(describeApiError(toApiCallError(reason)), 'bad'),
    );
  }, [connection, stores, showNotice]);

  const waiting = status ? waitingRecipients(status) : null;
  return (
    <ConsoleContext.Provider value={context}>
      <div className="shell">
        <button type="button" className="skip-link" onClick={() => document.getElementById('main')?.focus()}>Skip to content</button>
        <Sidebar current={navPageOf(route)} waiting={waiting} />
        <div className="shell-main">
          <TopBar hostname={status?.hostname ?? null} version={status?.version ?? null} state={state} link={linkKindOf(connection)} theme={theme} />
          <div className="shell-banners">
            {state.kind === 'reconnecting' && status ? (
              <p className="banner banner-warn" role="alert" data-testid="stale-banner">
                The connection to the relay dropped. Figures are from {formatClock(receivedAt ?? status.takenAt)}; reconnecting…
              </p>
            ) : null}
            {status ? <DeliveryBanner delivery={status.delivery} onResume={resume} onOpenRoutes={() => navigate({ page: 'routes' })} /> : null}
          </div>
          <main id="main" tabIndex={-1} className="shell-content">
            <PageOutlet route={route} />
          </main>
        </div>
        <Notices store={notices} />
        {isHelpOpen ? <ShortcutHelp onClose={() => setHelpOpen(false)} /> : null}
      </div>
    </ConsoleContext.Provider>
  );
}
