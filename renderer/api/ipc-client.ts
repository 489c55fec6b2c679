// The desktop transport: the preload's window.relay, with its plain-object rejections
// turned back into ApiCallError so both transports fail the same way. Attached to a
// remote relay, main carries the frames and reports the link's state here.
import type { ApiClient } from '../../engine/api/contract';
import { toApiCallError } from './api-errors';
import type { ConnectionState, IpcConnection } from './connection';
import type { DesktopBridge, DesktopLinkState } from './desktop-bridge';
import { assertNever } from '../lib/assert-never';

export function linkToConnectionState(link: DesktopLinkState): ConnectionState {
  switch (link.kind) {
    case 'connecting':
    case 'open':
      return { kind: link.kind };
    case 'reconnecting':
      return { kind: 'reconnecting', attempt: link.attempt, retryAt: link.retryAt };
    case 'rejected':
      return { kind: 'needs-token', reason: 'rejected' };
    default:
      return assertNever(link);
  }
}

export function createIpcConnection(bridge: ApiClient, desktop: DesktopBridge | null = null): IpcConnection {
  const client: ApiClient = {
    call: (method, params) => bridge.call(method, params).catch((reason: unknown) => Promise.reject(toApiCallError(reason))),
    subscribe: (topic, params, handlers) => bridge.subscribe(topic, params, handlers),
  };
  const mode = desktop?.mode ?? { mode: 'local' as const };
  if (mode.mode === 'local') {
    return {
      transport: 'ipc',
      remoteUrl: null,
      client,
      // IPC to the in-process engine cannot drop; the window lives exactly as long as it.
      state: () => ({ kind: 'open' }),
      onStateChange: () => () => {},
      authenticate: null,
    };
  }
  let state: ConnectionState = { kind: 'connecting' };
  const listeners = new Set<(state: ConnectionState) => void>();
  desktop!.onLinkState((link) => {
    state = linkToConnectionState(link);
    for (const listener of listeners) listener(state);
  });
  return {
    transport: 'ipc',
    remoteUrl: mode.url,
    client,
    state: () => state,
    onStateChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    authenticate(token) {
      state = { kind: 'connecting' };
      for (const listener of listeners) listener(state);
      void desktop!.attach(mode.url, token).then((result) => {
        if (result.ok) return;
        state = { kind: 'needs-token', reason: 'rejected' };
        for (const listener of listeners) listener(state);
      });
    },
  };
}
