// The console's only doors to main: window.relay (contract call and subscribe over two
// fixed IPC channels) and window.relayDesktop (which relay this app operates, the remote
// link's state, attach/detach). ipcRenderer itself never reaches the page.
import { contextBridge, ipcRenderer } from 'electron';
import type { ApiClient, ApiError } from '../engine/api/contract';
import type { ServerFrame } from '../engine/api/protocol';
import { ApiCallError, FrameClient } from '../engine/api/frame-client';
import {
  CALL_CHANNEL,
  DESKTOP_CHANNEL,
  EVENT_CHANNEL,
  LINK_CHANNEL,
  REMOTE_ARGUMENT_PREFIX,
  type AttachResult,
  type DesktopRequest,
  type LinkState,
} from '../main/relay-channels';

const frames = new FrameClient((frame) => ipcRenderer.send(CALL_CHANNEL, frame));
ipcRenderer.on(EVENT_CHANNEL, (_event, frame: ServerFrame) => frames.receive(frame));

// contextBridge keeps only the message and stack of a thrown Error, so a failed call
// rejects with the contract's plain ApiError; renderer/api turns it back into an Error.
function toApiError(error: unknown): ApiError {
  if (error instanceof ApiCallError) {
    return { code: error.code, message: error.message, retryable: error.retryable, ...(error.details ? { details: error.details } : {}) };
  }
  return { code: 'internal', message: error instanceof Error ? error.message : String(error), retryable: false };
}

const relay: ApiClient = {
  call: (method, params) => frames.call(method, params).catch((error: unknown) => Promise.reject(toApiError(error))),
  subscribe: (topic, params, handlers) => frames.subscribe(topic, params, handlers),
};

// Main passes the remote relay's URL when creating the window (additionalArguments).
const remoteArgument = process.argv.find((argument) => argument.startsWith(REMOTE_ARGUMENT_PREFIX));
const mode = remoteArgument ? { mode: 'remote' as const, url: remoteArgument.slice(REMOTE_ARGUMENT_PREFIX.length) } : { mode: 'local' as const };

const desktop = {
  mode,
  onLinkState(listener: (state: LinkState) => void): () => void {
    const forward = (_event: unknown, state: LinkState) => listener(state);
    ipcRenderer.on(LINK_CHANNEL, forward);
    return () => ipcRenderer.removeListener(LINK_CHANNEL, forward);
  },
  attach: (url: string, token: string): Promise<AttachResult> => ipcRenderer.invoke(DESKTOP_CHANNEL, { type: 'attach', url, token } satisfies DesktopRequest),
  detach: (): Promise<void> => ipcRenderer.invoke(DESKTOP_CHANNEL, { type: 'detach' } satisfies DesktopRequest),
};

contextBridge.exposeInMainWorld('relay', relay);
contextBridge.exposeInMainWorld('relayDesktop', desktop);
