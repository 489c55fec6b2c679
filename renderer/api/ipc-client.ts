// The desktop transport: the preload's window.relay, with its plain-object rejections
// turned back into ApiCallError so both transports fail the same way.
import type { ApiClient } from '../../engine/api/contract';
import { toApiCallError } from './api-errors';
import type { IpcConnection } from './connection';

export function createIpcConnection(bridge: ApiClient): IpcConnection {
  const client: ApiClient = {
    call: (method, params) => bridge.call(method, params).catch((reason: unknown) => Promise.reject(toApiCallError(reason))),
    subscribe: (topic, params, handlers) => bridge.subscribe(topic, params, handlers),
  };
  return {
    transport: 'ipc',
    client,
    // IPC to the in-process engine cannot drop; the window lives exactly as long as it.
    state: () => ({ kind: 'open' }),
    onStateChange: () => () => {},
  };
}
