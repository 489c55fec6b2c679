// The Email API under repetition and load: idempotency keys (same body, same answer and one
// message; another body, a conflict), batches whose messages fail on their own, the request
// limit per token and the message rate per credential (429 with Retry-After), and templates.
import { describe, expect, it } from 'vitest';
import { mxRecords } from '../../support/delivery-relay';
import { deliveryTestbed } from '../../support/delivery-testbed';
import { api, tokenOf, type ApiAnswer } from './api-client';

const REQUEST_LIMIT = 40;
const tokens: Record<string, string> = {};
const bed = deliveryTestbed({
  mx: [{ host: '127.0.0.2', name: 'mx.dest.test' }],
  zone: mxRecords('dest.test', [[10, 'mx.dest.test', '127.0.0.2']]),
  relay: { config: { api: { enabled: true, port: 0, requestLimit: { requests: REQUEST_LIMIT, windowMs: 60_000 } } } },
  async prepare(bed) {
    for (const name of ['shop', 'twin', 'burst']) {
      tokens[name] = tokenOf(await bed.relay.engine.client.call('credentials.add', { name, senderDomains: ['sender.test'] }));
    }
    tokens.limited = tokenOf(await bed.relay.engine.client.call('credentials.add', { name: 'limited', rateLimit: { messages: 3, windowMs: 60_000 } }));
  },
});

const url = () => bed.relay.engine.emailApi!.url!;
const message = (subject: string, to = 'ann@dest.test') => ({ from: 'shop@sender.test', to, subject, text: 'Hello.' });
type Sent = { id: string; template: { id: number; name: string; version: number } | null };
type Failure = { error: { code: string; message: string; details?: { fields?: string[] } } };

describe('idempotency keys', () => {
  it('answers a repeated request with the first answer and queues one message', async () => {
    const first = await api<Sent>(url(), '/api/send', { token: tokens.shop, body: message('Order 1'), headers: { 'idempotency-key': 'order-1' } });
    const again = await api<Sent>(url(), '/api/send', { token: tokens.shop, body: { text: 'Hello.', subject: 'Order 1', to: 'ann@dest.test', from: 'shop@sender.test' }, headers: { 'idempotency-key': 'order-1' } });
    expect([first.status, again.status, again.body.id]).toEqual([202, 202, first.body.id]);
    expect([first.headers.get('idempotent-replayed'), again.headers.get('idempotent-replayed')]).toEqual([null, 'true']);
    const queued = await bed.relay.engine.client.call('queue.list', { address: 'ann@dest.test' });
    expect(queued.items.filter((entry) => entry.subject === 'Order 1')).toHaveLength(1);
  });

  it('refuses the same key with another body, and keeps keys of different tokens apart', async () => {
    await api(url(), '/api/send', { token: tokens.shop, body: message('Order 2'), headers: { 'idempotency-key': 'order-2' } });
    const conflict = await api<Failure>(url(), '/api/send', { token: tokens.shop, body: message('Order 2b'), headers: { 'idempotency-key': 'order-2' } });
    expect([conflict.status, conflict.body.error.code]).toEqual([409, 'conflict']);
    const other = await api<Sent>(url(), '/api/send', { token: tokens.twin, body: message('Order 2b'), headers: { 'idempotency-key': 'order-2' } });
    expect(other.status).toBe(202);
  });

  it('gives requests racing with one key one message between them', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () =>
      api<Sent>(url(), '/api/send', { token: tokens.shop, body: message('Order 3'), headers: { 'idempotency-key': 'order-3' } })));
    expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202, 202, 202]);
  });

  it('replays a refusal too, so a retry cannot turn it into a message', async () => {
    const body = { ...message('Order 4'), from: 'x@elsewhere.test' };
    const first = await api<Failure>(url(), '/api/send', { token: tokens.shop, body, headers: { 'idempotency-key': 'order-4' } });
    const again = await api<Failure>(url(), '/api/send', { token: tokens.shop, body, headers: { 'idempotency-key': 'order-4' } });
    expect([first.status, again.status, again.headers.get('idempotent-replayed')]).toEqual([403, 403, 'true']);
  });
});

describe('batches', () => {
  it('queues the good messages and reports each bad one at its index', async () => {
    const answer = await api<{ accepted: number; failed: number; results: Array<{ index: number; ok: boolean; result?: Sent } & Partial<Failure>> }>(url(), '/api/batch', {
      token: tokens.shop,
      body: { messages: [message('Batch good', 'batch@dest.test'), { ...message('Batch bad'), to: 'not-an-address' }, { ...message('Batch other'), from: 'x@elsewhere.test' }] },
    });
    expect(answer.status).toBe(200);
    expect([answer.body.accepted, answer.body.failed]).toEqual([1, 2]);
    expect(answer.body.results.map((r) => [r.index, r.ok, r.error?.code ?? null])).toEqual([[0, true, null], [1, false, 'validation'], [2, false, 'forbidden']]);
    expect(answer.body.results[1]!.error!.details!.fields).toEqual(['to']);
    await bed.mx().waitFor((mx) => mx.transactions.some((t) => t.rcptTo.includes('batch@dest.test')));
  });

  it('refuses a batch of more than 500 as a whole', async () => {
    const answer = await api<Failure>(url(), '/api/batch', { token: tokens.shop, body: { messages: Array.from({ length: 501 }, () => message('x')) } });
    expect(answer.status).toBe(422);
    expect(answer.body.error.message).toMatch(/^Invalid request: messages: \[.+ is not allowed: must be at most 500$/);
  });
});

describe('rate limits', () => {
  it(`answers request ${REQUEST_LIMIT + 1} of a burst with 429 and Retry-After`, async () => {
    const answers: ApiAnswer<Partial<Failure>>[] = [];
    for (let i = 0; i < REQUEST_LIMIT + 3; i++) answers.push(await api<Partial<Failure>>(url(), '/api/messages/01KAB2CDEFGHJ', { token: tokens.burst }));
    expect(answers.slice(0, REQUEST_LIMIT).every((answer) => answer.status === 404)).toBe(true);
    const limited = answers.slice(REQUEST_LIMIT);
    expect(limited.map((answer) => answer.status)).toEqual([429, 429, 429]);
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited[0]!.body.error).toMatchObject({ code: 'rate_limited', retryable: true, message: expect.stringContaining(`${REQUEST_LIMIT} requests per 60 s`) });
  });

  it('counts messages against the credential\'s own rate, in a batch and alone', async () => {
    const batch = await api<{ accepted: number; results: Array<{ ok: boolean } & Partial<Failure>> }>(url(), '/api/batch', {
      token: tokens.limited, body: { messages: Array.from({ length: 5 }, (_, i) => ({ ...message(`Rate ${i}`), from: 'any@anywhere.test' })) },
    });
    expect(batch.body.accepted).toBe(3);
    expect(batch.body.results.slice(3).map((r) => r.error?.code)).toEqual(['rate_limited', 'rate_limited']);
    const single = await api<Failure>(url(), '/api/send', { token: tokens.limited, body: { ...message('Rate 6'), from: 'any@anywhere.test' } });
    expect(single.status).toBe(429);
    expect(Number(single.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(single.body.error.message).toMatch(/3 messages per 60 s \(shared with its SMTP use\)/);
  });
});

describe('templates', () => {
  it('renders the named template with CSS inlined, records the version, and sends an older version when asked', async () => {
    const { client } = bed.relay.engine;
    const v1 = await client.call('templates.save', { name: 'receipt', subject: 'Receipt {{order}}', html: '<style>b { color: #c00 }</style><p>Order <b>{{order}}</b></p>', text: 'Order {{order}}' });
    await client.call('templates.save', { name: 'receipt', subject: 'Your receipt {{order}}', text: 'Order {{order}}' });
    const current = await api<Sent>(url(), '/api/send', { token: tokens.shop, body: { from: 'shop@sender.test', to: 'tpl@dest.test', template: { name: 'receipt', variables: { order: 'A-18' } } } });
    const older = await api<Sent>(url(), '/api/send', { token: tokens.shop, body: { from: 'shop@sender.test', to: 'tpl-old@dest.test', template: { id: v1.id, version: 1, variables: { order: 'A-19' } } } });
    expect(current.body.template).toEqual({ id: v1.id, name: 'receipt', version: 2 });
    expect(older.body.template).toEqual({ id: v1.id, name: 'receipt', version: 1 });
    await bed.mx().waitFor((mx) => mx.transactions.some((t) => t.rcptTo.includes('tpl-old@dest.test')) && mx.transactions.some((t) => t.rcptTo.includes('tpl@dest.test')));
    const received = (to: string) => bed.mx().transactions.find((t) => t.rcptTo.includes(to))!.message.toString();
    expect(received('tpl@dest.test')).toMatch(/^Subject: Your receipt A-18\r$/m);
    expect(received('tpl-old@dest.test')).toMatch(/^Subject: Receipt A-19\r$/m);
    expect(received('tpl-old@dest.test')).toContain('<p>Order <b style="color: #c00;">A-19</b></p>');
    const status = await api<{ template: object }>(url(), `/api/messages/${older.body.id}`, { token: tokens.shop });
    expect(status.body.template).toEqual({ id: v1.id, version: 1 });
  });

  it('names the template field when the template does not exist', async () => {
    const answer = await api<Failure>(url(), '/api/send', { token: tokens.shop, body: { from: 'shop@sender.test', to: 'ann@dest.test', template: { name: 'missing' } } });
    expect([answer.status, answer.body.error.message, answer.body.error.details?.fields]).toEqual([422, 'No template "missing".', ['template']]);
  });
});
