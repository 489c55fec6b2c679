// Picks the console's transport: the preload bridge in the desktop app, the control
// WebSocket of the serving relay in a browser. The only code that reads window.relay.
import type { ApiClient } from '../../engine/api/contract';
import type { ConsoleConnection } from './connection';
import { createIpcConnection } from './ipc-client';
import { adoptTokenFromUrl, sessionTokenStore } from './token-store';
import { createWebSocketConnection, SOCKET_PATH } from './ws-client';

declare global {
  interface Window {
    /** Exposed by the preload in the desktop app; absent in a browser. */
    readonly relay?: ApiClient;
  }
}

export function openConsoleConnection(win: Window & typeof globalThis): ConsoleConnection {
  if (win.relay) return createIpcConnection(win.relay, win.relayDesktop ?? null);
  const tokens = sessionTokenStore(win.sessionStorage);
  adoptTokenFromUrl(win.location, win.history, tokens);
  const socketUrl = new URL(SOCKET_PATH, win.location.href);
  socketUrl.protocol = socketUrl.protocol === 'https:' ? 'wss:' : 'ws:';
  return createWebSocketConnection({
    url: socketUrl.href,
    tokens,
    openSocket: (url, protocols) => new win.WebSocket(url, protocols),
    isRelayReachable: () => win.fetch(new URL('/healthz', win.location.href), { cache: 'no-store' }).then((response) => response.ok, () => false),
  });
}

export type { ConnectionState, ConsoleConnection, WebSocketConnection } from './connection';
export type { DesktopBridge } from './desktop-bridge';
export { describeApiError } from './api-errors';
