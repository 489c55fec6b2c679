// Signatures verified by independent implementations: Python's hmac, PHP's hash_hmac and
// the Node snippet of the README (verifiers/), each run as its own process on the exact
// bytes the receiver got. A changed body or a timestamp outside 5 minutes is refused.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRelay, type TestRelay } from '../../support/engine';
import { sendMail } from '../../support/delivery-relay';
import { runProcess } from '../../support/process';
import { removeTempDirs } from '../../support/temp-dir';
import { startReceiver, type ReceivedRequest, type WebhookReceiver } from './receiver';

const VERIFIERS = join(import.meta.dirname, 'verifiers');
const IMPLEMENTATIONS: ReadonlyArray<[string, string[]]> = [
  ['python3', [join(VERIFIERS, 'verify.py')]],
  ['php', [join(VERIFIERS, 'verify.php')]],
  ['node', [join(VERIFIERS, 'verify.mjs')]],
];

let relay: TestRelay;
let hook: WebhookReceiver;
let secret: string;
let request: ReceivedRequest;

beforeAll(async () => {
  relay = await startTestRelay({ trustedNetworks: ['127.0.0.0/8'] });
  hook = await startReceiver();
  const created = await relay.engine.client.call('webhooks.create', { name: 'signed', url: hook.url, batchIntervalMs: 0 });
  secret = created.secret;
  await sendMail(relay, { to: ['reader@dest.test'], subject: 'Grüße — signed' });
  await hook.until((events) => events.some((event) => event.type === 'recipient.delivered'), 'the delivery event');
  request = hook.requests[0]!;
});

afterAll(async () => {
  await hook.close();
  await relay.stop();
  removeTempDirs();
});

async function verdict(command: string, args: string[], header: string, body: string, nowSeconds: number, key = secret): Promise<string> {
  const result = await runProcess(command, [...args, key, header, String(nowSeconds)], { input: body });
  expect(result.stderr).toBe('');
  return result.stdout.trim();
}

describe('Relaydesk-Signature', () => {
  it('is t=<unix seconds>,v1=<64 hex digits> over the raw body, with the content type of the format', () => {
    const header = request.headers['relaydesk-signature'];
    expect(header).toMatch(/^t=\d{10},v1=[0-9a-f]{64}$/);
    expect(Math.abs(Number(/t=(\d+)/.exec(header as string)![1]) - request.at / 1000)).toBeLessThan(5);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['user-agent']).toBe('Relaydesk/test (webhooks)');
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  });

  for (const [command, args] of IMPLEMENTATIONS) {
    it(`verifies with ${command}, and a changed body or a replay outside 5 minutes does not`, async () => {
      const header = request.headers['relaydesk-signature'] as string;
      const signedAt = Number(/t=(\d+)/.exec(header)![1]);
      expect(await verdict(command, args, header, request.body, signedAt + 10)).toBe('valid');
      expect(await verdict(command, args, header, request.body.replace('reader@', 'intruder@'), signedAt + 10)).toBe('invalid');
      expect(await verdict(command, args, header, request.body, signedAt + 301)).toBe('invalid');
      expect(await verdict(command, args, header.replace(/t=\d+/, `t=${signedAt + 400}`), request.body, signedAt + 400)).toBe('invalid');
    });
  }

  it('changes with the secret: after a rotation only the new one verifies', async () => {
    const issued = await relay.engine.client.call('webhooks.rotateSecret', { id: 1 });
    expect(issued.secret).not.toBe(secret);
    const before = hook.requests.length;
    await relay.engine.client.call('webhooks.test', { id: issued.webhook.id });
    const test = hook.requests[before]!;
    const header = test.headers['relaydesk-signature'] as string;
    const signedAt = Number(/t=(\d+)/.exec(header)![1]);
    const python = IMPLEMENTATIONS[0]![1];
    expect(await verdict('python3', python, header, test.body, signedAt, issued.secret)).toBe('valid');
    expect(await verdict('python3', python, header, test.body, signedAt)).toBe('invalid');
  });
});
