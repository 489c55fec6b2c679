// The Email API over HTTPS with the relay's own certificate (self-signed here): a client that
// trusts it gets TLS 1.2 or later, and the message's trace field says it came over HTTPS.
import { request } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRelay, type TestRelay } from '../../support/engine';
import { removeTempDirs } from '../../support/temp-dir';

let relay: TestRelay;
let token = '';

beforeAll(async () => {
  relay = await startTestRelay({ listeners: [], api: { enabled: true, port: 0, tls: true } }, { delivery: false });
  const issued = await relay.engine.client.call('credentials.add', { name: 'app' });
  token = `${issued.username}.${issued.secret}`;
});
afterAll(async () => {
  await relay?.stop();
  removeTempDirs();
});

function post(path: string, body: unknown): Promise<{ status: number; protocol: string | null; body: { id?: string } }> {
  const url = new URL(path, relay.engine.emailApi!.url!);
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', ca: relay.engine.tls!.cert, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } }, (response) => {
      const protocol = (response.socket as TLSSocket).getProtocol() ?? null;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({
        status: response.statusCode ?? 0,
        protocol,
        body: JSON.parse(Buffer.concat(chunks).toString()) as { id?: string },
      }));
    });
    outgoing.on('error', reject);
    outgoing.end(JSON.stringify(body));
  });
}

describe('HTTPS', () => {
  it('serves the API with the relay\'s certificate and records HTTPS in the trace field', async () => {
    expect(relay.engine.emailApi!.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const answer = await post('/api/send', { from: 'app@example.com', to: 'a@dest.test', subject: 'Hi', text: 'Hi' });
    expect(answer.status).toBe(202);
    expect(answer.protocol).toMatch(/^TLSv1\.[23]$/);
    const raw = Buffer.from((await relay.engine.client.call('message.raw', { id: answer.body.id! })).base64, 'base64').toString();
    expect(raw).toContain(`by relay.test (Relaydesk) with HTTPS id ${answer.body.id}`);
  });
});
