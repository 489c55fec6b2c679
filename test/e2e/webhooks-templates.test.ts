// The Webhooks and Templates pages in Debian's Chromium against the headless host. A real
// HTTP receiver on 127.0.0.1 gets the signed requests, and the test checks each signature
// with its own HMAC-SHA256 (node:crypto) under the secret the page showed once. Templates
// are written, previewed in the sandboxed frame, versioned, and sent over SMTP with the
// headers the page gives. Screenshots land in test-results/.
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookEvent } from '../../engine/api/contract';
import { type ConsolePage, submitPlain, WAIT_MS, waitForText } from './console-host';
import { consoleSuite } from './console-suite';

interface ReceivedRequest {
  headers: http.IncomingHttpHeaders;
  body: string;
  status: number;
}

interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  answer(status: number, text: string): void;
  /** Resolves with the first request that satisfies `isMet` (arrived or arriving); rejects after WAIT_MS. */
  until(isMet: (request: ReceivedRequest) => boolean, what: string): Promise<ReceivedRequest>;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  let reply = { status: 200, text: 'ok' };
  const requests: ReceivedRequest[] = [];
  const waiters = new Set<() => void>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), status: reply.status });
      response.writeHead(reply.status, { 'content-type': 'text/plain' }).end(reply.text);
      waiters.forEach((check) => check());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/relaydesk`,
    requests,
    answer(status, text) {
      reply = { status, text };
    },
    until: (isMet, what) => new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`the receiver got ${requests.length} request(s), none was ${what}`));
      }, WAIT_MS);
      const check = () => {
        const found = requests.find(isMet);
        if (!found) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(found);
      };
      waiters.add(check);
      check();
    }),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Our own check of `Relaydesk-Signature: t=<s>,v1=<hex>`: HMAC-SHA256 over `<t>.<raw body>`, keyed with the secret. */
function verifySignature(secret: string, request: ReceivedRequest): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(request.headers['relaydesk-signature']));
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${request.body}`, 'utf8').digest();
  const isFresh = Math.abs(Date.now() / 1000 - Number(match[1])) <= 300;
  return isFresh && timingSafeEqual(Buffer.from(match[2]!, 'hex'), expected);
}

const suite = consoleSuite();
let receiver: Receiver;

beforeAll(async () => {
  receiver = await startReceiver();
});

afterAll(async () => {
  await receiver?.close();
});

function open(hash: string, pageTestId: string): Promise<ConsolePage> {
  return suite.open({ hash, waitFor: pageTestId });
}

/** Submits over SMTP with nodemailer; returns the queue id from the 250 reply. */
function send(message: { to: string; subject?: string; text?: string; headers?: Record<string, string> }): Promise<string> {
  return submitPlain(suite.relay.host, message);
}

const eventsOf = (request: ReceivedRequest): WebhookEvent[] => JSON.parse(request.body) as WebhookEvent[];

async function createEndpoint(page: Page): Promise<{ id: string; secret: string }> {
  await page.getByTestId('webhook-add').click();
  await page.getByTestId('webhook-name').fill('orders');
  await page.getByTestId('webhook-url').fill(receiver.url);
  await page.getByTestId('webhook-type-message.accepted').check();
  await page.getByTestId('webhook-batch-interval').fill('0');
  await page.getByTestId('webhook-submit').click();
  const secret = (await page.getByTestId('webhook-secret-value').textContent()) ?? '';
  expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  await waitForText(page, 'signature-format', /^Relaydesk-Signature: t=<unix seconds>,v1=/);
  await page.getByTestId('snippet-tabs-python').click();
  await page.getByTestId('snippet-python').getByText('def verify_relaydesk').waitFor();
  const row = page.locator('[data-testid^="webhook-row-"]');
  const id = (await row.getAttribute('data-testid'))!.replace('webhook-row-', '');
  return { id, secret };
}

describe('webhooks page', () => {
  it('creates an endpoint, shows its secret once, sends signed events, logs failures with their retry, and recovers', async () => {
    const { page, screenshot } = await open('#/webhooks', 'webhooks-page');
    await page.getByTestId('webhooks-empty').waitFor();
    const { id, secret } = await createEndpoint(page);
    await screenshot('webhooks-secret');
    await page.getByTestId('webhook-secret-done').click();
    await page.getByTestId('webhook-secret').waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(secret);

    await page.getByTestId('webhook-test').click();
    const tested = await receiver.until(() => true, 'the test event');
    expect(verifySignature(secret, tested)).toBe(true);
    expect(verifySignature(secret, { ...tested, body: tested.body.replace('test', 'tost') })).toBe(false);
    expect(eventsOf(tested)).toEqual([expect.objectContaining({ type: 'webhook.test', data: { note: 'A test event for orders.' } })]);
    await page.getByTestId('attempts').locator('tr[data-outcome="success"]').filter({ hasText: 'test event' }).waitFor();
    await waitForText(page, `webhook-rate-${id}`, '100 % of the last 1 attempt');

    // The receiver fails: the queued event's request is logged with the answer, and retried later.
    receiver.answer(500, 'receiver unavailable: maintenance');
    const queueId = await send({ to: 'buyer@dest.test', subject: 'Order 1', text: 'Thanks.' });
    await receiver.until((request) => request.status === 500, 'answered 500');
    const failed = page.getByTestId('attempts').locator('tr[data-outcome="failure"]').first();
    await failed.getByText('receiver unavailable: maintenance').waitFor();
    await failed.getByText('The endpoint answered 500 Internal Server Error; only 2xx counts as received.').waitFor();
    expect(await failed.locator('[data-testid^="attempt-status-"]').textContent()).toContain('500');
    expect(await failed.locator('[data-testid^="attempt-retry-"]').textContent()).toMatch(/^in \d+s$|^retried$/);
    await waitForText(page, 'webhook-next-retry', /^in \d+s$/);
    await waitForText(page, `webhook-state-${id}`, /^Failing/);
    await screenshot('webhooks');

    // Fixed: disabling and enabling again sends what waits at once.
    receiver.answer(200, 'ok');
    await page.getByTestId('webhook-toggle').click();
    await waitForText(page, `webhook-state-${id}`, /^Disabled/);
    await page.getByTestId('webhook-toggle').click();
    const delivered = await receiver.until((request) => request.status === 200 && eventsOf(request).some((event) => event.message?.id === queueId), 'the accepted event, answered 200');
    expect(verifySignature(secret, delivered)).toBe(true);
    const [accepted] = eventsOf(delivered);
    expect(accepted).toMatchObject({ type: 'message.accepted', message: { id: queueId, subject: 'Order 1', senderDomain: 'sender.test' }, recipient: null });
    await waitForText(page, `webhook-state-${id}`, 'Enabled');
    await waitForText(page, 'webhook-next-retry', 'none scheduled');
    await page.getByTestId('attempts').locator('tr[data-outcome="success"]').filter({ hasText: '1 event' }).waitFor();

    // One event sent again from the Events tab, with its original id.
    await page.getByTestId('webhook-tabs-events').click();
    const row = page.getByTestId('deliveries').locator('tr').filter({ hasText: accepted!.id });
    await row.locator('[data-testid^="delivery-state-"]').filter({ hasText: 'delivered' }).waitFor();
    const seen = receiver.requests.length;
    await row.locator('[data-testid^="delivery-redeliver-"]').click();
    const again = await receiver.until((request) => receiver.requests.indexOf(request) >= seen, 'the event sent again');
    expect(verifySignature(secret, again)).toBe(true);
    expect(eventsOf(again).map((event) => event.id)).toEqual([accepted!.id]);

    await page.getByTestId('webhook-edit').click();
    await page.getByTestId('webhook-stream-transactional').check();
    await page.getByTestId('webhook-domains').fill('sender.test');
    await page.getByTestId('webhook-submit').click();
    await page.getByTestId(`webhook-row-${id}`).getByText('Transactional, from sender.test, JSON').waitFor();

    // A rotated secret is shown once too, and signs from then on; the old one no longer verifies.
    await page.getByTestId('webhook-rotate').click();
    await page.getByTestId('webhook-rotate-dialog-confirm').click();
    const rotated = (await page.getByTestId('webhook-secret-value').textContent()) ?? '';
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    await page.getByTestId('webhook-secret-done').click();
    const beforeTest = receiver.requests.length;
    await page.getByTestId('webhook-test').click();
    const signedAnew = await receiver.until((request) => receiver.requests.indexOf(request) >= beforeTest, 'the test after the rotation');
    expect([verifySignature(rotated, signedAnew), verifySignature(secret, signedAnew)]).toEqual([true, false]);

    await page.getByTestId('webhook-remove').click();
    await page.getByTestId('webhook-remove-dialog').getByText(receiver.url).waitFor();
    await page.getByTestId('webhook-remove-dialog-confirm').click();
    await page.getByTestId('webhooks-empty').waitFor();
  });
});

describe('templates page', () => {
  const html = '<style>.greet { color: #c0392b; }</style><p class="greet">Hello {{name}}, your code is {{code}}.</p>';

  it('writes a template with a variable, previews it in the sandbox, keeps its versions and sends with it over SMTP', async () => {
    const { page, screenshot } = await open('#/templates', 'templates-page');
    await page.getByTestId('templates-empty').waitFor();
    await page.getByTestId('template-add').click();
    await page.getByTestId('template-name').fill('welcome');
    await page.getByTestId('template-subject').fill('Welcome, {{name}}!');
    await page.getByTestId('template-html').fill(html);
    await page.getByTestId('template-text-source').fill('Hello {{name}}, your code is {{code}}.');
    await page.getByTestId('template-sample').fill('{"name": "Ada"}');
    await waitForText(page, 'template-missing', 'code');

    await page.getByTestId('template-sample').fill('{"name": "Ada", "code": "X42"}');
    await waitForText(page, 'template-missing', 'none');
    await waitForText(page, 'template-preview-subject', 'Welcome, Ada!');
    const frame = page.getByTestId('template-frame');
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect((await frame.getAttribute('srcdoc')) ?? '').toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    const greeting = page.frameLocator('[data-testid="template-frame"]').locator('p');
    await greeting.getByText('Hello Ada, your code is X42.').waitFor();
    // The CSS of <style> was inlined onto the element.
    expect(await greeting.getAttribute('style')).toMatch(/color: ?#c0392b/);
    await page.getByTestId('template-preview-tabs-source').click();
    await page.getByTestId('template-inlined').getByText(/<p class="greet" style="color: ?#c0392b;?">Hello Ada/).waitFor();
    await page.getByTestId('template-save').click();
    await waitForText(page, 'template-current-welcome', 'v1');

    // A second version, edited in place; both stay in the history.
    await page.getByTestId('template-subject').fill('Welcome aboard, {{name}}!');
    await page.getByTestId('template-html').fill(html.replace('Hello', 'Hi'));
    await waitForText(page, 'template-preview-subject', 'Welcome aboard, Ada!');
    await page.getByTestId('template-save').click();
    await waitForText(page, 'template-current-welcome', 'v2');
    await page.getByTestId('template-version-2').getByText('current').waitFor();
    await page.getByTestId('template-version-1').getByText('Welcome, {{name}}!').waitFor();
    await screenshot('templates');
    await page.getByTestId('template-history-panel').scrollIntoViewIfNeeded();
    await screenshot('templates-history');

    await page.getByTestId('template-view-1').click();
    await waitForText(page, 'version-subject', 'Welcome, {{name}}!');
    await page.getByTestId('version-html').getByText('Hello {{name}}').waitFor();
    await page.frameLocator('[data-testid="template-frame"]').getByText('Hello Ada, your code is X42.').waitFor();
    await screenshot('templates-version');
    await page.getByTestId('version-close').click();

    // The SMTP headers the page gives render the current version into a real message.
    const usage = (await page.getByTestId('template-usage-smtp').textContent()) ?? '';
    const headers = Object.fromEntries(usage.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]));
    expect(JSON.parse(Buffer.from(headers['X-Relaydesk-Variables']!, 'base64').toString('utf8'))).toEqual({ name: 'Ada', code: 'X42' });
    const queueId = await send({ to: 'member@dest.test', subject: 'replaced by the template', text: 'replaced', headers });
    const message = await suite.relay.api.client.call('message.get', { id: queueId });
    expect(message.subject).toBe('Welcome aboard, Ada!');
    expect(await page.getByTestId('template-usage-api').textContent()).toContain('"variables": {\n      "name": "Ada",\n      "code": "X42"\n    }');

    await page.getByTestId('template-remove').click();
    await waitForText(page, 'template-remove-count', '2 versions');
    await page.getByTestId('template-remove-dialog-confirm').click();
    await page.getByTestId('templates-empty').waitFor();
  });
});
