// The browser transport: FrameClient over the control WebSocket with the token as a
// subprotocol, reconnecting with backoff; every reconnect starts subscriptions afresh
// from a snapshot (resubscribeAll).
import type { ApiClient } from '../../engine/api/contract';
import type { ServerFrame } from '../../engine/api/protocol';
import { ApiCallError, FrameClient } from '../../engine/api/frame-client';
import { reconnectDelayMs } from './backoff';
import type { ConnectionState, WebSocketConnection } from './connection';
import type { TokenStore } from './token-store';

// engine/http's PROTOCOL, TOKEN_PROTOCOL_PREFIX and WS_PATH; that module pulls Node's
// http server, so the sandboxed renderer repeats them (the e2e test proves they agree).
const PROTOCOL = 'relaydesk.v1';
const TOKEN_PROTOCOL_PREFIX = 'token.';
export const SOCKET_PATH = '/api/ws';

export interface WebSocketConnectionOptions {
  /** ws:// or wss:// URL of the control socket. */
  url: string;
  tokens: TokenStore;
  openSocket(url: string, protocols: string[]): WebSocket;
  /**
   * Whether the relay's HTTP side answers. Browsers hide why a WebSocket handshake
   * failed, so a refusal by a reachable relay is how a wrong token shows.
   */
  isRelayReachable(): Promise<boolean>;
  random?: () => number;
}

export function createWebSocketConnection(options: WebSocketConnectionOptions): WebSocketConnection {
  const random = options.random ?? Math.random;
  const listeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = { kind: 'connecting' };
  let socket: WebSocket | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;
  // A relay that was down may come up between a failed handshake and the probe; one
  // immediate retry tells that apart from a token it refuses.
  let refusalsWhileReachable = 0;

  const liveSocket = (): WebSocket | null => (socket !== null && socket.readyState === socket.OPEN ? socket : null);

  const frames = new FrameClient((frame) => {
    // Frames written while closed are dropped: subscriptions are re-sent on open and
    // calls are refused up front (client.call), so nothing waits on a lost frame.
    liveSocket()?.send(JSON.stringify(frame));
  });

  const setState = (next: ConnectionState): void => {
    state = next;
    for (const listener of listeners) listener(next);
  };

  const scheduleRetry = (): void => {
    const delayMs = reconnectDelayMs(attempt, random());
    attempt += 1;
    setState({ kind: 'reconnecting', attempt, retryAt: Date.now() + delayMs });
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect();
    }, delayMs);
  };

  const onFailedHandshake = (ws: WebSocket): void => {
    void options.isRelayReachable().then((isReachable) => {
      if (socket !== ws) return; // authenticate() started over meanwhile
      if (!isReachable) {
        refusalsWhileReachable = 0;
        return scheduleRetry();
      }
      if (refusalsWhileReachable++ === 0) return connect();
      options.tokens.clear();
      setState({ kind: 'needs-token', reason: 'rejected' });
    });
  };

  function connect(): void {
    const token = options.tokens.read();
    if (!token) return setState({ kind: 'needs-token', reason: 'missing' });
    if (state.kind !== 'reconnecting') setState({ kind: 'connecting' });
    let isOpen = false;
    const ws = options.openSocket(options.url, [PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`]);
    socket = ws;
    ws.onopen = () => {
      isOpen = true;
      attempt = 0;
      refusalsWhileReachable = 0;
      setState({ kind: 'open' });
      frames.resubscribeAll();
    };
    ws.onmessage = (event: MessageEvent) => {
      if (typeof event.data !== 'string') return;
      let frame: ServerFrame;
      try {
        frame = JSON.parse(event.data) as ServerFrame;
      } catch {
        return;
      }
      frames.receive(frame);
    };
    ws.onclose = () => {
      if (socket !== ws) return; // replaced by authenticate()
      frames.disconnect('The connection to the relay closed.');
      if (isOpen) scheduleRetry();
      else onFailedHandshake(ws);
    };
  }

  const client: ApiClient = {
    call: (method, params) => liveSocket()
      ? frames.call(method, params)
      : Promise.reject(new ApiCallError({ code: 'unavailable', message: 'The console is not connected to the relay.', retryable: true })),
    subscribe: (topic, params, handlers) => frames.subscribe(topic, params, handlers),
  };

  connect();
  return {
    transport: 'websocket',
    client,
    state: () => state,
    onStateChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    authenticate(token) {
      options.tokens.save(token);
      if (retryTimer !== null) clearTimeout(retryTimer);
      retryTimer = null;
      const previous = socket;
      socket = null;
      previous?.close();
      attempt = 0;
      refusalsWhileReachable = 0;
      setState({ kind: 'connecting' });
      connect();
    },
  };
}
