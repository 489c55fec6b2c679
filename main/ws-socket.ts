// The remote link's socket in the app: the `ws` package, as the CLI uses. A Node client
// sends no Origin, so the relay's Origin check (meant for browsers) does not apply.
import WebSocket from 'ws';
import type { OpenLinkSocket } from './remote-link';

const HANDSHAKE_TIMEOUT_MS = 10_000;

export const openWsSocket: OpenLinkSocket = (url, protocols, events) => {
  const socket = new WebSocket(url, protocols, { handshakeTimeout: HANDSHAKE_TIMEOUT_MS });
  socket.on('open', () => events.onOpen());
  socket.on('message', (data, isBinary) => {
    if (!isBinary) events.onMessage(data.toString());
  });
  socket.on('unexpected-response', (_request, response) => {
    let body = '';
    response.on('data', (chunk: Buffer) => (body += chunk.toString()));
    response.on('end', () => {
      events.onRefused(response.statusCode ?? 0, body.trim());
      socket.terminate();
    });
  });
  // Errors (refused connection, DNS) are followed by 'close'; the link decides what next.
  socket.on('error', () => undefined);
  socket.on('close', () => events.onClose());
  return {
    send: (data) => socket.send(data),
    close: () => socket.close(),
  };
};
