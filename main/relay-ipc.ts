// The desktop transport of the contract: frames from the console window go to the
// engine's ApiServer (or, attached to a remote relay, to its link) and frames back go to
// the window, one connection per webContents.
import type { ServerFrame } from '../engine/api/index';
import type { EngineLog } from '../engine/index';
import { CALL_CHANNEL, EVENT_CHANNEL, LINK_CHANNEL, type LinkState } from './relay-channels';
import type { FrameConnection, RemotePort } from './remote-frames';
import type { SenderCheck, SenderFrame } from './sender-check';

/** The parts of Electron's WebContents the adapter uses. */
export interface RelayWebContents {
  readonly id: number;
  isDestroyed(): boolean;
  send(channel: string, message: ServerFrame | LinkState): void;
  once(event: 'destroyed', listener: () => void): unknown;
  on(event: 'did-navigate', listener: () => void): unknown;
  on(event: 'render-process-gone', listener: () => void): unknown;
}

/** The parts of Electron's IpcMainEvent the adapter reads. */
export interface RelayIpcEvent {
  readonly sender: RelayWebContents;
  readonly senderFrame: SenderFrame | null;
}

export type RelayIpcListener = (event: RelayIpcEvent, frame: unknown) => void;

export interface RelayIpcMain {
  on(channel: string, listener: RelayIpcListener): unknown;
  removeListener(channel: string, listener: RelayIpcListener): unknown;
}

export interface FrameServer {
  connect(port: RemotePort): FrameConnection;
}

export interface RelayIpc {
  /** Connections open now (one per window that has sent a frame). */
  connectionCount(): number;
  /** Stops listening and closes every connection, e.g. before the engine stops. */
  detach(): void;
}

export function attachRelayIpc(ipcMain: RelayIpcMain, api: FrameServer, isTrustedSender: SenderCheck, log: EngineLog): RelayIpc {
  const connections = new Map<RelayWebContents, FrameConnection>();
  const watched = new WeakSet<RelayWebContents>();

  const close = (contents: RelayWebContents): void => {
    connections.get(contents)?.close();
    connections.delete(contents);
  };

  const connectionFor = (contents: RelayWebContents): FrameConnection => {
    const existing = connections.get(contents);
    if (existing) return existing;
    const connection = api.connect({
      send: (frame) => {
        if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, frame);
      },
      // Electron gives no view of its IPC queue; the console's topics are coalesced
      // (at most 4 status updates a second), so the queue stays small.
      pendingBytes: () => 0,
      // Only a remote relay's link has states; the in-process engine never calls this.
      linkState: (state) => {
        if (!contents.isDestroyed()) contents.send(LINK_CHANNEL, state);
      },
    });
    connections.set(contents, connection);
    if (!watched.has(contents)) {
      watched.add(contents);
      contents.once('destroyed', () => close(contents));
      // A reload or crash starts a new page whose client numbers its subscriptions from
      // 1 again; the old page's subscriptions must not live on or collide with them.
      contents.on('did-navigate', () => close(contents));
      contents.on('render-process-gone', () => close(contents));
    }
    return connection;
  };

  const onCall: RelayIpcListener = (event, frame) => {
    if (!isTrustedSender(event.senderFrame)) {
      log('warn', 'ignored a console frame from an untrusted sender', {
        webContentsId: event.sender.id,
        url: event.senderFrame?.url ?? null,
      });
      return;
    }
    connectionFor(event.sender).receive(frame);
  };

  ipcMain.on(CALL_CHANNEL, onCall);
  return {
    connectionCount: () => connections.size,
    detach() {
      ipcMain.removeListener(CALL_CHANNEL, onCall);
      for (const contents of [...connections.keys()]) close(contents);
    },
  };
}
