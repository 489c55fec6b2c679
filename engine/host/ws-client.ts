// A contract client over the control WebSocket, for the CLI (and tests).
import WebSocket from 'ws';
import { FrameClient } from '../api/index';
import type { ServerFrame } from '../api/index';
import { PROTOCOL, TOKEN_PROTOCOL_PREFIX, WS_PATH } from '../http/index';

export interface RemoteClient {
  client: FrameClient;
  close(): void;
  /** Resolves when the server closes the connection. */
  closed: Promise<void>;
}

export function connectRemote(baseUrl: string, token: string, timeoutMs = 5000): Promise<RemoteClient> {
  const url = `${baseUrl.replace(/^http/, 'ws')}${WS_PATH}`;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, [PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`], { handshakeTimeout: timeoutMs });
    const client = new FrameClient((frame) => ws.send(JSON.stringify(frame)));
    const closed = new Promise<void>((done) => ws.once('close', () => done()));
    ws.on('message', (data) => client.receive(JSON.parse(data.toString()) as ServerFrame));
    ws.on('close', () => client.disconnect('The connection to the relay closed.'));
    ws.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => reject(new Error(`The relay refused the connection (${response.statusCode}): ${body}`)));
    });
    ws.once('error', reject);
    ws.once('open', () => resolve({ client, close: () => ws.close(), closed }));
  });
}
