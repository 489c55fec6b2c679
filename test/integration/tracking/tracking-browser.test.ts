// Tracking and unsubscribe in a real browser (Debian's Chromium): the delivered HTML is
// opened, its pixel records an open, clicking its link goes through the relay's redirect
// to the original page and records the click; the List-Unsubscribe page unsubscribes on
// its button, never on the GET; a mail client's one-click POST (RFC 8058) does it alone.
import { createServer, type Server } from 'node:http';
import { simpleParser } from 'mailparser';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../e2e/browser';
import { mxRecords } from '../../support/delivery-relay';
import { deliveryTestbed } from '../../support/delivery-testbed';
import { freePort } from '../../support/free-port';
import { eventually, nextEvent } from '../../support/wait';
import { headerValue, readHeaderBlock } from '../../../engine/message/index';
import { api, tokenOf } from '../api/api-client';

// A reader's browser: the headless one announces itself and would be counted as a machine.
const READER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';

let apiPort = 0;
let target: Server;
let targetUrl = '';
const visits: string[] = [];
let browser: Browser;
let context: BrowserContext;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  apiPort = await freePort();
  target = createServer((request, response) => {
    visits.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'text/html' }).end('<h1 data-testid="sale">Spring sale</h1>');
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  targetUrl = `http://127.0.0.1:${(target.address() as { port: number }).port}`;
  browser = await launchChromium();
  context = await browser.newContext({ userAgent: READER_AGENT });
});

const bed = deliveryTestbed({
  mx: [{ host: '127.0.0.2', name: 'mx.dest.test' }],
  zone: mxRecords('dest.test', [[10, 'mx.dest.test', '127.0.0.2']]),
  relay: {
    // Read when the relay starts, once the API's port is known.
    get config() {
      return { api: { enabled: true, port: apiPort }, tracking: { publicBaseUrl: `http://127.0.0.1:${apiPort}`, automatedWithinMs: 0 } };
    },
  },
  async prepare(bed) {
    tokens.news = tokenOf(await bed.relay.engine.client.call('credentials.add', { name: 'news', stream: 'bulk', senderDomains: ['sender.test'] }));
    tokens.any = tokenOf(await bed.relay.engine.client.call('credentials.add', { name: 'any', stream: 'bulk' }));
  },
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await new Promise((resolve) => target?.close(resolve));
});

const apiUrl = () => `http://127.0.0.1:${apiPort}`;

/** Sends a newsletter over the API and returns its id and the message as the MX received it. */
async function newsletter(to: string, token = tokens.news!, from = 'news@sender.test') {
  const sent = await api<{ id: string; recipients: Array<{ state: string }> }>(apiUrl(), '/api/send', { token, body: {
    from, to, subject: 'Spring sale',
    html: `<html><body><h1>Spring</h1><a href="${targetUrl}/sale?x=1&amp;y=2">See the sale</a></body></html>`, text: 'See the sale',
  } });
  expect(sent.status).toBe(202);
  if (sent.body.recipients[0]!.state === 'suppressed') return { id: sent.body.id, state: 'suppressed' as const };
  await bed.mx().waitFor((mx) => mx.transactions.some((t) => t.rcptTo.includes(to)));
  const received = bed.mx().transactions.find((t) => t.rcptTo.includes(to))!.message;
  const parsed = await simpleParser(received);
  const unsubscribe = /<(https?:[^>]+)>/.exec(headerValue(readHeaderBlock(received).fields, 'list-unsubscribe') ?? '')?.[1] ?? '';
  return { id: sent.body.id, state: 'queued' as const, html: String(parsed.html), unsubscribe, raw: received.toString() };
}

const events = (messageId: string) => bed.relay.engine.client.call('tracking.events', { messageId });

describe('opens and clicks', () => {
  it('records the open when the HTML is shown, and the click on the way to the original page', async () => {
    const mail = await newsletter('reader@dest.test');
    expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    const page = await context.newPage();
    const opened = nextEvent(bed.relay.engine, 'tracking.opened', (hit) => hit.messageId === mail.id);
    await page.setContent(mail.html!);
    expect(await opened).toMatchObject({ address: 'reader@dest.test', isAutomated: false, userAgent: READER_AGENT });

    const clicked = nextEvent(bed.relay.engine, 'tracking.clicked', (hit) => hit.messageId === mail.id);
    await page.getByText('See the sale').click();
    await page.getByTestId('sale').waitFor();
    expect(page.url()).toBe(`${targetUrl}/sale?x=1&y=2`);
    expect(visits).toContain('/sale?x=1&y=2');
    expect(await clicked).toMatchObject({ url: `${targetUrl}/sale?x=1&y=2`, isAutomated: false });
    await page.close();

    const status = await eventually(async () => {
      const { body } = await api<{ tracking: { opens: number; clicks: number } }>(apiUrl(), `/api/messages/${mail.id}`, { token: tokens.news });
      return body.tracking.clicks === 1 ? body.tracking : undefined;
    }, 'the click counted');
    expect(status).toMatchObject({ opens: 1, clicks: 1 });
  });

  it('flags a HEAD request as automated, serves a forged pixel without recording it, and refuses a forged link', async () => {
    const mail = await newsletter('prefetched@dest.test');
    const pixel = /src="([^"]+\/t\/o\/[^"]+)"/.exec(mail.html!)![1]!;
    const head = nextEvent(bed.relay.engine, 'tracking.opened', (hit) => hit.messageId === mail.id);
    expect((await fetch(pixel, { method: 'HEAD' })).status).toBe(200);
    expect(await head).toMatchObject({ isAutomated: true, automatedReason: 'HEAD request (link checker or prefetch)' });
    const forged = pixel.replace(/\/t\/o\/([0-9a-z]{13})[0-9a-z]{16}/, '/t/o/$1aaaaaaaaaaaaaaaa');
    const answer = await fetch(forged);
    expect([answer.status, answer.headers.get('content-type')]).toEqual([200, 'image/gif']);
    const click = /href="([^"]+\/t\/c\/[^"]+)"/.exec(mail.html!)![1]!.replace(/&amp;/g, '&');
    expect((await fetch(click.replace('%2Fsale', '%2Fevil'), { redirect: 'manual' })).status).toBe(404);
    expect((await fetch(click, { redirect: 'manual' })).headers.get('location')).toBe(`${targetUrl}/sale?x=1&y=2`);
    await eventually(async () => ((await events(mail.id)).length === 2 ? true : undefined), 'the HEAD open and the real click recorded');
  });
});

describe('unsubscribe', () => {
  it('shows a confirmation page on GET and unsubscribes from the sender domain on its button', async () => {
    const mail = await newsletter('leaver@dest.test');
    const page = await context.newPage();
    await page.goto(mail.unsubscribe!);
    await page.getByText('Stop mail from sender.test to le***@dest.test?').waitFor();
    const suppressed = async () => (await bed.relay.engine.client.call('suppressions.list', { search: 'leaver@dest.test' })).items;
    expect(await suppressed()).toEqual([]);
    const unsubscribed = nextEvent(bed.relay.engine, 'recipient.unsubscribed', (event) => event.messageId === mail.id);
    await page.getByTestId('unsubscribe-confirm').click();
    await page.getByTestId('unsubscribed').waitFor();
    expect(await unsubscribed).toMatchObject({ address: 'leaver@dest.test', senderDomain: 'sender.test', via: 'page' });
    expect(await suppressed()).toMatchObject([{ address: 'leaver@dest.test', scope: 'domain', scopeValue: 'sender.test', reason: 'unsubscribe', sourceMessageId: mail.id }]);
    await page.close();
  });

  it('takes a one-click POST from a mail client without a page, for that sender domain only', async () => {
    const mail = await newsletter('oneclick@dest.test');
    const answer = await fetch(mail.unsubscribe!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(answer.status).toBe(200);
    expect((await events(mail.id)).map((e) => e.kind)).toContain('unsubscribe');
    expect((await newsletter('oneclick@dest.test')).state).toBe('suppressed');
    expect((await newsletter('oneclick@dest.test', tokens.any, 'news@other-sender.test')).state).toBe('queued');
  });
});
