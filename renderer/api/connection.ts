// What the console knows about its link to the relay, whichever transport carries it.
import type { ApiClient } from '../../engine/api/contract';

export type ConnectionState =
  | { kind: 'connecting' }
  | { kind: 'open' }
  /** The link dropped; the next attempt starts at `retryAt` (epoch ms). */
  | { kind: 'reconnecting'; attempt: number; retryAt: number }
  /** Browser only: no token yet, or the relay refused the one given. */
  | { kind: 'needs-token'; reason: 'missing' | 'rejected' };

interface ConnectionBase {
  readonly client: ApiClient;
  state(): ConnectionState;
  /** Calls `listener` on every change; returns the function that stops it. */
  onStateChange(listener: (state: ConnectionState) => void): () => void;
}

/** The desktop app: window.relay from the preload, to its own engine or a remote relay. */
export interface IpcConnection extends ConnectionBase {
  readonly transport: 'ipc';
  /** The remote relay main carries frames to; null with the app's own engine. */
  readonly remoteUrl: string | null;
  /** Remote only: replaces a token the relay refused (main stores it and reconnects). */
  readonly authenticate: ((token: string) => void) | null;
}

/** A browser: the control WebSocket, with a token and reconnects. */
export interface WebSocketConnection extends ConnectionBase {
  readonly transport: 'websocket';
  /** Keeps `token` for this tab and connects with it. */
  authenticate(token: string): void;
}

export type ConsoleConnection = IpcConnection | WebSocketConnection;
