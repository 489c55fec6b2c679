// A link to a remote headless relay's control WebSocket that stays up: reconnects with
// backoff and jitter, stops retrying when the relay refuses the token (an operator must
// give another), and reports every state change. The socket is passed in (the `ws`
// package in the app, a stand-in in tests).
import type { ClientFrame, ServerFrame } from '../engine/api/index';
import { PROTOCOL, TOKEN_PROTOCOL_PREFIX, WS_PATH } from '../engine/http/index';
import type { LinkState } from './relay-channels';

export interface LinkSocketEvents {
  onOpen(): void;
  onMessage(data: string): void;
  /** The handshake got an HTTP answer instead of an upgrade (401 for a refused token). */
  onRefused(status: number, body: string): void;
  /** Closed, or never opened (nothing listening); after onRefused too. */
  onClose(): void;
}

export interface LinkSocket {
  send(data: string): void;
  close(): void;
}

export type OpenLinkSocket = (url: string, protocols: string[], events: LinkSocketEvents) => LinkSocket;

export interface LinkTimers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
  now(): number;
}

export const realTimers: LinkTimers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
  now: () => Date.now(),
};

export interface RemoteLinkOptions {
  /** The relay console's base URL, e.g. http://relay.office.lan:8025. */
  url: string;
  token(): string;
  openSocket: OpenLinkSocket;
  onFrame(frame: ServerFrame): void;
  onState(state: LinkState): void;
  timers?: LinkTimers;
  random?: () => number;
}

export interface RemoteLink {
  /** False when the link is not open (the caller answers for the frame). */
  send(frame: ClientFrame): boolean;
  state(): LinkState;
  /** Drops the socket and connects again now (a new token). */
  reconnectNow(): void;
  close(): void;
}

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 15_000;

/** ws:// (or wss://) URL of the control socket of the relay at `baseUrl`. */
export function socketUrl(baseUrl: string): string {
  const url = new URL(WS_PATH, baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

export function retryDelayMs(attempt: number, random: number): number {
  return Math.round(Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt) * (0.8 + 0.4 * random));
}

export function openRemoteLink(options: RemoteLinkOptions): RemoteLink {
  const timers = options.timers ?? realTimers;
  const random = options.random ?? Math.random;
  let state: LinkState = { kind: 'connecting' };
  let socket: LinkSocket | null = null;
  let retry: unknown = null;
  let attempt = 0;
  let isClosed = false;

  const setState = (next: LinkState): void => {
    state = next;
    options.onState(next);
  };

  const connect = (): void => {
    retry = null;
    if (isClosed) return;
    let refusal: { status: number; body: string } | null = null;
    const current = options.openSocket(socketUrl(options.url), [PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${options.token()}`], {
      onOpen: () => {
        if (socket !== current) return;
        attempt = 0;
        setState({ kind: 'open' });
      },
      onMessage: (data) => {
        if (socket !== current) return;
        try {
          options.onFrame(JSON.parse(data) as ServerFrame);
        } catch {
          // not a frame; the relay only sends JSON frames
        }
      },
      onRefused: (status, body) => {
        refusal = { status, body };
      },
      onClose: () => {
        if (socket !== current || isClosed) return;
        socket = null;
        if (refusal && (refusal.status === 401 || refusal.status === 403)) {
          setState({ kind: 'rejected', message: refusal.body || `The relay answered ${refusal.status}.` });
          return;
        }
        const delayMs = retryDelayMs(attempt, random());
        attempt += 1;
        setState({ kind: 'reconnecting', attempt, retryAt: timers.now() + delayMs });
        retry = timers.set(connect, delayMs);
      },
    });
    socket = current;
  };

  connect();
  return {
    send(frame) {
      if (state.kind !== 'open' || !socket) return false;
      socket.send(JSON.stringify(frame));
      return true;
    },
    state: () => state,
    reconnectNow() {
      if (isClosed) return;
      if (retry !== null) timers.clear(retry);
      const previous = socket;
      socket = null;
      previous?.close();
      attempt = 0;
      setState({ kind: 'connecting' });
      connect();
    },
    close() {
      isClosed = true;
      if (retry !== null) timers.clear(retry);
      socket?.close();
      socket = null;
    },
  };
}

/** Whether the relay at `url` accepts `token`: one handshake, then closed. */
export function probeRemote(url: string, token: string, openSocket: OpenLinkSocket): Promise<{ ok: true } | { ok: false; message: string }> {
  return new Promise((resolve) => {
    let refusal: { status: number; body: string } | null = null;
    let isDone = false;
    const finish = (result: { ok: true } | { ok: false; message: string }) => {
      if (isDone) return;
      isDone = true;
      resolve(result);
    };
    const socket = openSocket(socketUrl(url), [PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`], {
      onOpen: () => {
        finish({ ok: true });
        socket.close();
      },
      onMessage: () => undefined,
      onRefused: (status, body) => {
        refusal = { status, body };
      },
      onClose: () => {
        if (refusal?.status === 401) finish({ ok: false, message: 'The relay refused this access token. Copy it again from the relay\'s data directory (control-token).' });
        else if (refusal) finish({ ok: false, message: `The relay refused the connection (${refusal.status}): ${refusal.body}` });
        else finish({ ok: false, message: `Nothing answered at ${url}. Check the address and that \`relaydesk serve\` runs there with control.host reachable from this computer.` });
      },
    });
  });
}
