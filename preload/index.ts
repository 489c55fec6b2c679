// The console's only door to main: window.relay with call and subscribe over the two
// fixed IPC channels. ipcRenderer itself never reaches the page.
import { contextBridge, ipcRenderer } from 'electron';
import type { ApiClient, ApiError } from '../engine/api/contract';
import type { ServerFrame } from '../engine/api/protocol';
import { ApiCallError, FrameClient } from '../engine/api/frame-client';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../main/relay-channels';

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

contextBridge.exposeInMainWorld('relay', relay);
