// The Email API end to end: the OpenAPI document, bearer tokens (a credential's username and
// secret) with their scopes, a message sent over HTTP reaching a scripted MX with its trace
// header, Message-ID and Date, its status, and validation errors that name the field.
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { mxRecords } from '../../support/delivery-relay';
import { deliveryTestbed } from '../../support/delivery-testbed';
import { eventually } from '../../support/wait';
import { QUEUE_ID_PATTERN } from '../../../engine/shared/ids';
import { api, tokenOf } from './api-client';

const tokens: Record<string, string> = {};
const bed = deliveryTestbed({
  mx: [{ host: '127.0.0.2', name: 'mx.dest.test' }],
  zone: mxRecords('dest.test', [[10, 'mx.dest.test', '127.0.0.2']]),
  relay: { config: { api: { enabled: true, port: 0 }, limits: { maxRecipients: 5 } } },
  async prepare(bed) {
    const add = async (name: string, extra: Record<string, unknown> = {}) => {
      tokens[name] = tokenOf(await bed.relay.engine.client.call('credentials.add', { name, senderDomains: ['sender.test'], ...extra }));
    };
    await add('shop');
    await add('other');
    await add('disabled', { isEnabled: false });
    await add('office-only', { clientNetworks: ['10.0.0.0/8'] });
    await add('revoked');
    await bed.relay.engine.client.call('credentials.revoke', { username: 'revoked' });
  },
});

const url = () => bed.relay.engine.emailApi!.url!;
const RECEIPT = { from: 'Shop <shop@sender.test>', to: ['Ann <ann@dest.test>'], subject: 'Your receipt', text: 'Thanks.' };

describe('the OpenAPI document', () => {
  it('is served without a token and describes every endpoint from the schemas', async () => {
    const { status, body } = await api<{ openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, { properties?: object; required?: string[] }> } }>(url(), '/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toEqual(['/api/send', '/api/batch', '/api/messages/{id}']);
    expect(Object.keys(body.components.schemas.SendMessage!.properties!)).toEqual(expect.arrayContaining(['from', 'to', 'cc', 'bcc', 'attachments', 'template', 'tracking', 'metadata']));
    expect(body.components.schemas.SendMessage!.required).toEqual(['from', 'to']);
  });
});

describe('tokens', () => {
  it.each([
    ['no token', null, 401, /Authorization: Bearer <username>\.<secret>/],
    ['a wrong secret', 'shop.rd_wrong', 401, /not valid/],
    ['a revoked credential', 'revoked', 401, /not valid/],
    ['a disabled credential', 'disabled', 403, /"disabled" is disabled/],
    ['a credential for other networks', 'office-only', 403, /may not be used from 127\.0\.0\.1 \(allowed networks: 10\.0\.0\.0\/8\)/],
  ])('refuses %s', async (_what, token, status, message) => {
    const answer = await api<{ error: { code: string; message: string } }>(url(), '/api/send', { token: token && (tokens[token] ?? token), body: RECEIPT });
    expect(answer.status).toBe(status);
    expect(answer.body.error.message).toMatch(message);
    if (status === 401) expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="Relaydesk Email API"');
  });

  it('holds the token to its credential\'s scopes: sender domain, stream, recipients per message', async () => {
    const from = await api<{ error: { code: string; details: object } }>(url(), '/api/send', { token: tokens.shop, body: { ...RECEIPT, from: 'x@elsewhere.test' } });
    expect([from.status, from.body.error.code, from.body.error.details]).toEqual([403, 'forbidden', { field: 'from' }]);
    const stream = await api<{ error: { message: string } }>(url(), '/api/send', { token: tokens.shop, body: { ...RECEIPT, stream: 'bulk' } });
    expect([stream.status, stream.body.error.message]).toEqual([403, 'Token "shop" sends on the transactional stream, not bulk.']);
    const many = await api<{ error: { message: string } }>(url(), '/api/send', { token: tokens.shop, body: { ...RECEIPT, to: ['a@dest.test', 'b@dest.test', 'c@dest.test'], cc: ['d@dest.test', 'e@dest.test'], bcc: 'f@dest.test' } });
    expect([many.status, many.body.error.message]).toEqual([422, 'Too many recipients: 6; at most 5 per message (to, cc and bcc together).']);
  });
});

describe('sending', () => {
  it('queues the message like SMTP would, and the MX receives it with trace header, Message-ID, Date and attachment', async () => {
    const answer = await api<{ id: string; messageId: string; recipients: Array<{ address: string; state: string }> }>(url(), '/api/send', {
      token: tokens.shop,
      body: {
        ...RECEIPT, cc: 'cc@dest.test', bcc: ['hidden@dest.test'], html: '<p>Thanks.</p>', replyTo: { email: 'help@sender.test', name: 'Help' },
        attachments: [{ filename: 'receipt.txt', content: Buffer.from('Total: 12 EUR').toString('base64'), contentType: 'text/plain' }],
        headers: { 'X-Order': 'A-17' }, category: 'receipts', tags: ['order'], metadata: { orderId: 17 },
      },
    });
    expect(answer.status).toBe(202);
    const { id } = answer.body;
    expect(id).toMatch(QUEUE_ID_PATTERN);
    expect(answer.body.messageId).toBe(`<${id.toLowerCase()}@relay.test>`);
    expect(answer.body.recipients.map((r) => [r.address, r.state])).toEqual([['ann@dest.test', 'queued'], ['cc@dest.test', 'queued'], ['hidden@dest.test', 'queued']]);

    await bed.mx().waitFor((mx) => mx.transactions.some((t) => t.rcptTo.includes('hidden@dest.test')));
    const delivered = bed.mx().transactions.find((t) => t.rcptTo.includes('hidden@dest.test'))!;
    expect([delivered.mailFrom, [...delivered.rcptTo].sort()]).toEqual(['shop@sender.test', ['ann@dest.test', 'cc@dest.test', 'hidden@dest.test']]);
    const raw = delivered.message.toString();
    expect(raw).toMatch(new RegExp(`^Received: from \\[127\\.0\\.0\\.1\\] \\(credential shop\\)\\r\\n\\tby relay\\.test \\(Relaydesk\\) with HTTP id ${id}\\r\\n`));
    const parsed = await simpleParser(delivered.message);
    expect(parsed.messageId).toBe(`<${id.toLowerCase()}@relay.test>`);
    expect(parsed.date).toBeInstanceOf(Date);
    expect(parsed.headers.get('x-order')).toBe('A-17');
    expect(parsed.headers.has('bcc')).toBe(false);
    expect(raw).not.toContain('hidden@dest.test');
    expect(parsed.replyTo?.value).toEqual([{ address: 'help@sender.test', name: 'Help' }]);
    expect(parsed.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([['receipt.txt', 'Total: 12 EUR']]);

    const status = await eventually(async () => {
      const { body } = await api<{ recipients: Array<{ state: string }> }>(url(), `/api/messages/${id}`, { token: tokens.shop });
      return body.recipients.every((r) => r.state === 'delivered') ? body : undefined;
    }, 'every recipient delivered');
    expect(status).toMatchObject({ id, source: 'api', stream: 'transactional', from: 'shop@sender.test', subject: 'Your receipt', category: 'receipts',
      tags: ['order'], metadata: { orderId: 17 }, template: null, tracking: { opens: 0, clicks: 0, isUnsubscribed: false } });
    const events = (await bed.relay.engine.client.call('message.get', { id })).events.map((e) => e.type);
    expect(events.slice(0, 1)).toEqual(['message.accepted']);
  });

  it('shows a message only to the token that sent it', async () => {
    const { body } = await api<{ id: string }>(url(), '/api/send', { token: tokens.shop, body: RECEIPT });
    expect((await api(url(), `/api/messages/${body.id}`, { token: tokens.other })).status).toBe(404);
    expect((await api(url(), `/api/messages/${body.id.toLowerCase()}`, { token: tokens.shop })).status).toBe(200);
    expect((await api(url(), '/api/messages/nope', { token: tokens.shop })).status).toBe(404);
  });
});

describe('validation', () => {
  it('names every field that is wrong, with the value given and what is allowed', async () => {
    const answer = await api<{ error: { code: string; message: string; details: { fields: string[]; problems: string[] } } }>(url(), '/api/send', {
      token: tokens.shop, body: { from: 'bob', to: [], subject: 7, colour: 'red' },
    });
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('validation');
    expect(answer.body.error.details.fields).toEqual(expect.arrayContaining(['from', 'to', 'subject', '(root)']));
    expect(answer.body.error.details.problems).toEqual(expect.arrayContaining([
      'from: "bob" is not allowed: must be one address such as "Ada <ada@example.com>" with a valid domain',
      'subject: 7 is not allowed: expected string',
      'to: [] is not allowed: must be at least 1',
      'unknown key "colour": remove it or check its spelling',
    ]));
  });

  it.each([
    [{ ...RECEIPT, text: undefined }, 'text: is missing: give text or html, or both (or use a template)'],
    [{ ...RECEIPT, template: { name: 'x' } }, 'subject: "Your receipt" is not allowed: comes from the template; leave it out'],
    [{ ...RECEIPT, headers: { 'X-Evil': 'a\r\nBcc: victim@dest.test' } }, 'headers.X-Evil: "a\\r\\nBcc: victim@dest.test" is not allowed: must be one line: no CR or LF'],
    [{ ...RECEIPT, headers: { Subject: 'again' } }, 'headers.Subject: "again" is not allowed: this header is set by the API itself; use the request\'s own property'],
    [{ ...RECEIPT, attachments: [{ filename: 'a.pdf', content: 'not base64!' }] }, 'attachments[0].content: "not base64!" is not allowed: must be base64'],
    [{ ...RECEIPT, template: { id: 1, name: 'x' } }, 'template: {"id":1,"name":"x"} is not allowed: give exactly one of id or name'],
  ])('refuses %j', async (body, problem) => {
    const answer = await api<{ error: { details: { problems: string[] } } }>(url(), '/api/send', { token: tokens.shop, body });
    expect(answer.status).toBe(422);
    expect(answer.body.error.details.problems).toContain(problem);
  });

  it('answers a body that is not JSON, or not sent as JSON', async () => {
    const broken = await api<{ error: { code: string; message: string } }>(url(), '/api/send', { token: tokens.shop, rawBody: '{"from":', headers: { 'content-type': 'application/json' } });
    expect([broken.status, broken.body.error.code]).toEqual([400, 'validation']);
    expect(broken.body.error.message).toMatch(/^The body is not valid JSON/);
    const form = await api<{ error: { code: string } }>(url(), '/api/send', { token: tokens.shop, rawBody: 'from=x', headers: { 'content-type': 'text/csv' } });
    expect(form.status).toBe(415);
    expect((await api(url(), '/api/nothing', { token: tokens.shop })).status).toBe(404);
  });
});
