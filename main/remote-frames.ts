// The desktop app attached to a remote relay: each window's contract frames go over its
// own link to the relay's control WebSocket, so the renderer keeps using window.relay.
// While the link is down, calls fail at once (unavailable); when it comes back, every
// subscription is sent again and restarts from a fresh snapshot, as after a resync.
import type { ClientFrame, FramePort, ServerFrame } from '../engine/api/index';
import { FrameClient } from '../engine/api/index';
import type { ApiClient } from '../engine/api/contract';
import { openRemoteLink, type LinkTimers, type OpenLinkSocket, type RemoteLink } from './remote-link';
import type { LinkState } from './relay-channels';

/** A window's side of the transport: frames back, and the link's state for its banner. */
export interface RemotePort extends FramePort {
  linkState?(state: LinkState): void;
}

export interface FrameConnection {
  receive(frame: unknown): void;
  close(): void;
}

export interface RemoteFrameServer {
  connect(port: RemotePort): FrameConnection;
  /** A new token (the old one was refused): every link reconnects with it. */
  setToken(token: string): void;
  close(): void;
}

export interface RemoteFrameServerOptions {
  url: string;
  token: string;
  openSocket: OpenLinkSocket;
  timers?: LinkTimers;
}

const UNAVAILABLE = { code: 'unavailable', message: 'The remote relay is not reachable right now.', retryable: true } as const;

function isClientFrame(frame: unknown): frame is ClientFrame {
  const candidate = frame as { type?: unknown; id?: unknown } | null;
  return typeof candidate?.id === 'number' && ['call', 'sub', 'unsub', 'resync'].includes(candidate.type as string);
}

export function createRemoteFrameServer(options: RemoteFrameServerOptions): RemoteFrameServer {
  let token = options.token;
  const links = new Set<RemoteLink>();

  return {
    connect(port) {
      const subscriptions = new Map<number, ClientFrame>();
      const pendingCalls = new Set<number>();
      const link = openRemoteLink({
        url: options.url,
        token: () => token,
        openSocket: options.openSocket,
        timers: options.timers,
        onFrame: (frame: ServerFrame) => {
          if (frame.type === 'ok' || frame.type === 'err') pendingCalls.delete(frame.id);
          port.send(frame);
        },
        onState: (state) => {
          if (state.kind === 'open') {
            for (const frame of subscriptions.values()) link.send(frame);
          } else {
            // Answers to calls in flight were lost with the socket: fail them now.
            for (const id of pendingCalls) port.send({ type: 'err', id, error: UNAVAILABLE });
            pendingCalls.clear();
          }
          port.linkState?.(state);
        },
      });
      links.add(link);
      return {
        receive(frame) {
          if (!isClientFrame(frame)) return;
          switch (frame.type) {
            case 'call':
              if (link.send(frame)) pendingCalls.add(frame.id);
              else port.send({ type: 'err', id: frame.id, error: UNAVAILABLE });
              return;
            case 'sub':
              subscriptions.set(frame.id, frame);
              link.send(frame);
              return;
            case 'unsub':
              subscriptions.delete(frame.id);
              link.send(frame);
              return;
            case 'resync':
              link.send(frame);
              return;
          }
        },
        close() {
          links.delete(link);
          link.close();
        },
      };
    },
    setToken(next) {
      token = next;
      for (const link of links) link.reconnectNow();
    },
    close() {
      for (const link of links) link.close();
      links.clear();
    },
  };
}

/** Main's own client of the remote relay (tray, notifications), over the same kind of link. */
export function remoteClient(server: RemoteFrameServer, onLinkState: (state: LinkState) => void): { client: ApiClient; close(): void } {
  let connection: FrameConnection | null = null;
  const client = new FrameClient((frame) => connection?.receive(frame));
  connection = server.connect({ send: (frame) => client.receive(frame), pendingBytes: () => 0, linkState: onLinkState });
  return { client, close: () => connection?.close() };
}
