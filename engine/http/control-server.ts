// The control endpoint: the contract over WebSocket (token + Origin checked) and the
// built console as static files, bound to 127.0.0.1 unless configured otherwise.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { timingSafeEqual } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ApiServer } from '../api/index';
import { serveStatic } from './static-files';

export const WS_PATH = '/api/ws';
/** Browsers cannot set headers on a WebSocket, so the token rides as a subprotocol. */
export const PROTOCOL = 'relaydesk.v1';
export const TOKEN_PROTOCOL_PREFIX = 'token.';
// The largest call the contract accepts is a 50 MB CSV import (suppressions, provider
// exports); JSON escaping can add to it. A larger frame closes the socket.
const MAX_FRAME_BYTES = 64 * 1024 * 1024;
const HEARTBEAT_MS = 30_000;

export interface ControlServerOptions {
  host: string;
  port: number;
  token: string;
  /** Origins besides the server's own that may open the socket (a remote console). */
  allowedOrigins: string[];
  /** Directory of the built console (out/renderer); omitted when not built. */
  consoleDir?: string;
  log(level: 'info' | 'warn', message: string, details?: Record<string, unknown>): void;
}

export interface ControlServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startControlServer(api: ApiServer, options: ControlServerOptions): Promise<ControlServer> {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, handleProtocols: () => PROTOCOL });
  const http: Server = createServer((request, response) => handleHttp(request, response, options));
  http.on('upgrade', (request, socket, head) => {
    const refusal = checkUpgrade(request, options, http);
    if (refusal) return refuse(socket, refusal.status, refusal.message);
    sockets.handleUpgrade(request, socket, head, (ws) => attach(api, ws, request, options));
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as { port: number }).port;
  const heartbeat = setInterval(() => {
    for (const ws of sockets.clients) {
      const tracked = ws as WebSocket & { isAlive?: boolean };
      if (tracked.isAlive === false) {
        ws.terminate();
        continue;
      }
      tracked.isAlive = false;
      ws.ping();
    }
  }, HEARTBEAT_MS).unref();
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    port,
    async close() {
      clearInterval(heartbeat);
      for (const ws of sockets.clients) ws.close(1001, 'Relaydesk is shutting down');
      sockets.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function attach(api: ApiServer, ws: WebSocket, request: IncomingMessage, options: ControlServerOptions): void {
  const tracked = ws as WebSocket & { isAlive?: boolean };
  tracked.isAlive = true;
  ws.on('pong', () => (tracked.isAlive = true));
  const connection = api.connect({
    send: (frame) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
    },
    pendingBytes: () => ws.bufferedAmount,
  });
  ws.on('message', (data, isBinary) => {
    let frame: unknown;
    try {
      frame = JSON.parse(isBinary ? '' : data.toString());
    } catch {
      ws.send(JSON.stringify({ type: 'err', id: -1, error: { code: 'validation', message: 'Frames must be JSON text.', retryable: false } }));
      return;
    }
    connection.receive(frame);
  });
  ws.on('close', () => connection.close());
  ws.on('error', (error) => options.log('warn', `console socket error: ${error.message}`, { peer: request.socket.remoteAddress }));
}

function checkUpgrade(request: IncomingMessage, options: ControlServerOptions, http: Server): { status: number; message: string } | null {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (url.pathname !== WS_PATH) return { status: 404, message: `The console socket is at ${WS_PATH}.` };
  const origin = request.headers.origin;
  // Non-browser clients (the CLI) send no Origin; browsers always do, and a page from
  // another site must not drive the relay even if it learned the token.
  if (origin !== undefined && !isAllowedOrigin(origin, request, options, http)) {
    return { status: 403, message: `Origin ${origin} may not open the console socket; add it to control.allowedOrigins.` };
  }
  const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  const fromProtocol = offered.find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX))?.slice(TOKEN_PROTOCOL_PREFIX.length);
  const fromHeader = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  const token = fromProtocol ?? fromHeader;
  if (!token || !sameSecret(token, options.token)) {
    return { status: 401, message: 'A valid access token is required (printed by `relaydesk serve`, kept in the data directory).' };
  }
  return null;
}

function isAllowedOrigin(origin: string, request: IncomingMessage, options: ControlServerOptions, http: Server): boolean {
  if (options.allowedOrigins.includes(origin)) return true;
  const port = (http.address() as { port: number }).port;
  const ownHosts = new Set([request.headers.host, `127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  try {
    const parsed = new URL(origin);
    return parsed.protocol === 'http:' && ownHosts.has(parsed.host);
  } catch {
    return false;
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuse(socket: Duplex, status: number, message: string): void {
  const reason = status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Not Found';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n` +
    `Content-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`);
}

function handleHttp(request: IncomingMessage, response: ServerResponse, options: ControlServerOptions): void {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (url.pathname === '/healthz') {
    response.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
    return;
  }
  serveStatic(options.consoleDir, url.pathname, request, response);
}
