// A webhook receiver on 127.0.0.1: records every request (raw body and headers) and what
// it answered; it can answer errors, or go away and come back on the same port.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookEvent } from '../../../engine/api/contract';
import { eventually } from '../../support/wait';

export interface ReceivedRequest {
  at: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  status: number;
}

export interface WebhookReceiver {
  readonly url: string;
  readonly requests: ReceivedRequest[];
  /** Events of the requests answered 2xx, in arrival order: what the receiver accepted. */
  accepted(): WebhookEvent[];
  /** The status to answer from now on. */
  answer(status: number): void;
  /** Stops listening (connections are refused) until `up()`. */
  down(): Promise<void>;
  up(): Promise<void>;
  /** Waits until the accepted events satisfy `isMet`. */
  until(isMet: (events: WebhookEvent[]) => boolean, what: string, timeoutMs?: number): Promise<WebhookEvent[]>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<WebhookReceiver> {
  let status = 200;
  const requests: ReceivedRequest[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({ at: Date.now(), headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'receiver unavailable');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const parse = (request: ReceivedRequest): WebhookEvent[] => (request.headers['content-type'] === 'application/x-ndjson'
    ? request.body.trimEnd().split('\n').map((line) => JSON.parse(line) as WebhookEvent)
    : (JSON.parse(request.body) as WebhookEvent[]));
  const receiver: WebhookReceiver = {
    url: `http://127.0.0.1:${port}/hooks`,
    requests,
    accepted: () => requests.filter((r) => r.status < 300).flatMap(parse),
    answer(next) {
      status = next;
    },
    async down() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    async up() {
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
    until: (isMet, what, timeoutMs = 15_000) => eventually(() => {
      const events = receiver.accepted();
      return isMet(events) ? events : undefined;
    }, what, timeoutMs),
    async close() {
      if (!server.listening) return;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return receiver;
}
