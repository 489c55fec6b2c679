// HTTP capability: the control endpoint (console WebSocket + static console).
export { startControlServer, WS_PATH, PROTOCOL, TOKEN_PROTOCOL_PREFIX } from './control-server';
export type { ControlServer, ControlServerOptions } from './control-server';
export { loadOrCreateToken, readToken, writeControlInfo, readControlInfo, removeControlInfo } from './control-files';
export type { ControlInfo } from './control-files';
export { CONSOLE_CSP } from './static-files';
