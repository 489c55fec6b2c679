// Small stand-ins for the Electron objects that main/ modules take as parameters, so
// the tests run under plain Node and never load Electron.
import { EventEmitter } from 'node:events';
import type { ServerFrame } from '../../../engine/api/index';
import { FrameClient } from '../../../engine/api/index';
import { CALL_CHANNEL, LINK_CHANNEL, type LinkState } from '../../../main/relay-channels';
import type { RelayIpcEvent, RelayIpcListener, RelayIpcMain, RelayWebContents } from '../../../main/relay-ipc';
import type { SenderFrame } from '../../../main/sender-check';

export const APP_URL = 'file:///opt/relaydesk/out/renderer/index.html';
export const APP_FRAME: SenderFrame = { url: `${APP_URL}#overview`, parent: null };

let nextId = 1;

/** A window's webContents: records what main sends and hands it to the page asynchronously, as IPC does. */
export class StandInWebContents extends EventEmitter implements RelayWebContents {
  readonly id = nextId++;
  readonly sent: ServerFrame[] = [];
  /** What main reported about a remote relay's link (relay:link). */
  readonly linkStates: LinkState[] = [];
  private isGone = false;

  isDestroyed(): boolean {
    return this.isGone;
  }

  send(channel: string, message: ServerFrame | LinkState): void {
    if (this.isGone) throw new Error('Object has been destroyed');
    if (channel === LINK_CHANNEL) {
      this.linkStates.push(message as LinkState);
      return;
    }
    const frame = message as ServerFrame;
    this.sent.push(frame);
    setImmediate(() => this.emit('to-page', frame));
  }

  destroy(): void {
    this.isGone = true;
    this.emit('destroyed');
  }
}

export class StandInIpcMain extends EventEmitter implements RelayIpcMain {
  override on(channel: string, listener: RelayIpcListener): this {
    return super.on(channel, listener);
  }

  override removeListener(channel: string, listener: RelayIpcListener): this {
    return super.removeListener(channel, listener);
  }

  /** What ipcRenderer.send('relay:call', frame) from `senderFrame` in `contents` delivers. */
  deliver(contents: StandInWebContents, senderFrame: SenderFrame | null, frame: unknown): void {
    const event: RelayIpcEvent = { sender: contents, senderFrame };
    this.emit(CALL_CHANNEL, event, frame);
  }
}

/** The page side, as the preload builds it: a FrameClient over the stand-in channel pair. */
export function pageClient(ipcMain: StandInIpcMain, contents: StandInWebContents, senderFrame: SenderFrame | null = APP_FRAME): FrameClient {
  const client = new FrameClient((frame) => setImmediate(() => ipcMain.deliver(contents, senderFrame, frame)));
  contents.on('to-page', (frame: ServerFrame) => client.receive(frame));
  return client;
}

/** Resolves with the first frame sent to `contents` (already or later) that matches. */
export function sentFrame(contents: StandInWebContents, matches: (frame: ServerFrame) => boolean, timeoutMs = 5000): Promise<ServerFrame> {
  const found = contents.sent.find(matches);
  if (found) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      contents.off('to-page', check);
      reject(new Error(`no matching frame within ${timeoutMs} ms; sent: ${JSON.stringify(contents.sent)}`));
    }, timeoutMs);
    const check = (frame: ServerFrame): void => {
      if (!matches(frame)) return;
      clearTimeout(timer);
      contents.off('to-page', check);
      resolve(frame);
    };
    contents.on('to-page', check);
  });
}
