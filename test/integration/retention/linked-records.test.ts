// Retention of what hangs off a message, with an injected clock: opens and clicks recorded
// by the tracking endpoints, reports received by the inbound listener, and what messages
// were composed with. Their content (links, IP addresses, user agents, report fields) goes
// at their stream's body days; the rows go with their message, or at the metadata days
// when it is gone (deleted from the queue, or never matched).
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../engine/api/contract';
import { DATABASE_FILE } from '../../../engine/index';
import { ManualClock } from '../../../engine/shared/clock';
import { startTestRelay, type TestRelay } from '../../support/engine';
import { freePort } from '../../support/free-port';
import { reportFixture } from '../../support/report-fixture';
import { openSubmission } from '../../support/submit';
import { removeTempDirs } from '../../support/temp-dir';
import { eventually } from '../../support/wait';
import { api, tokenOf } from '../api/api-client';

const DAY = 86_400_000;
const FBL = 'fbl.example.com';
const READER = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36' };
const clock = new ManualClock(Date.UTC(2026, 2, 2, 9));
let relay: TestRelay;
let client: ApiClient;
let apiUrl = '';
const ids = { transactional: '', bulk: '', deleted: '' };

/** Sends over the Email API with open and click tracking, records an open and a click as a reader's browser would. */
async function sendAndRead(token: string, to: string): Promise<string> {
  const sent = await api<{ id: string }>(apiUrl, '/api/send', { token, body: {
    from: 'shop@sender.test', to, subject: 'Spring sale', tags: ['spring'], tracking: { opens: true, clicks: true },
    html: '<p><a href="https://shop.example/sale">See the sale</a></p>',
  } });
  expect(sent.status).toBe(202);
  const html = String((await simpleParser(Buffer.from((await client.call('message.raw', { id: sent.body.id })).base64, 'base64'))).html);
  const pixel = /src="([^"]+\/t\/o\/[^"]+)"/.exec(html)![1]!;
  const click = /href="([^"]+\/t\/c\/[^"]+)"/.exec(html)![1]!.replace(/&amp;/g, '&');
  expect((await fetch(pixel, { headers: READER })).status).toBe(200);
  expect((await fetch(click, { headers: READER, redirect: 'manual' })).headers.get('location')).toBe('https://shop.example/sale');
  await eventually(async () => ((await trackingOf(sent.body.id)).length === 2 ? true : undefined), `the open and the click of ${to} recorded`);
  return sent.body.id;
}

const trackingOf = (messageId: string) => client.call('tracking.events', { messageId });
const reportsOf = async (messageId?: string) => (await client.call('inbound.list', messageId ? { messageId } : {})).items;

/** Delivers a report to the inbound listener as a remote MTA would. */
async function report(rcptTo: string, message: Buffer): Promise<void> {
  const session = await openSubmission({ port: relay.port('inbound') });
  try {
    await new Promise<void>((resolve, reject) => session.connection.send({ from: '', to: [rcptTo] }, message, (error) => (error ? reject(error) : resolve())));
  } finally {
    session.connection.close();
  }
}

/** Rows left in the table, read beside the engine (WAL lets a second connection read). */
function rowsIn(table: 'message_extras' | 'tracking_events' | 'inbound_reports'): number {
  const db = new Database(join(relay.dataDir, DATABASE_FILE), { readonly: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS count FROM ${table}`).get() as { count: number }).count;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  const port = await freePort();
  apiUrl = `http://127.0.0.1:${port}`;
  relay = await startTestRelay({
    trustedNetworks: ['127.0.0.0/8'],
    api: { enabled: true, port },
    tracking: { publicBaseUrl: apiUrl, automatedWithinMs: 0 },
    inbound: { enabled: true, port: 0, domains: [FBL] },
  }, { clock, delivery: false });
  client = relay.engine.client;
  const shop = tokenOf(await client.call('credentials.add', { name: 'shop', senderDomains: ['sender.test'] }));
  const news = tokenOf(await client.call('credentials.add', { name: 'news', stream: 'bulk', senderDomains: ['sender.test'] }));
  ids.transactional = await sendAndRead(shop, 'buyer@dest.test');
  ids.bulk = await sendAndRead(news, 'reader@dest.test');
  ids.deleted = await sendAndRead(news, 'removed@dest.test');
  // The operator deletes one message from the queue: its opens, clicks and extras stay behind.
  await client.call('queue.act', { action: 'delete', selection: { filter: { address: 'removed@dest.test' } } });
  // No delivery: the operator's bounce finishes the rest, so retention may take them.
  await client.call('queue.act', { action: 'bounce', selection: { filter: { states: ['queued'] } } });

  const header = (await client.call('message.get', { id: ids.transactional })).messageIdHeader!;
  await report(`fbl@${FBL}`, reportFixture('arf/yahoo-cfl', { RCPT: 'buyer@dest.test', QUEUE_ID: ids.transactional, MESSAGE_ID: header, FBL_DOMAIN: FBL }));
  await report(`postmaster@${FBL}`, reportFixture('dsn/gmail-user-unknown', { RCPT: 'stranger@dest.test', QUEUE_ID: '01KAB2CDEFGHJ', MESSAGE_ID: '<elsewhere@example.org>' }));
  await client.call('retention.set', { transactional: { bodyDays: 3, metadataDays: 15 }, bulk: { bodyDays: 10, metadataDays: 30 } });
});

afterAll(async () => {
  await relay?.stop();
  removeTempDirs();
});

describe('retention of tracking events, inbound reports and message extras', () => {
  it('starts with content in every record', async () => {
    expect(await reportsOf(ids.transactional)).toMatchObject([{ kind: 'arf', outcome: 'complaint', fields: { 'feedback-type': 'abuse' } }]);
    const [unmatched] = await reportsOf();
    expect(unmatched).toMatchObject({ kind: 'dsn', outcome: 'unmatched', messageId: null, fields: { status: '5.1.1' } });
    expect(await trackingOf(ids.transactional)).toMatchObject([
      { kind: 'open', userAgent: READER['user-agent'], ip: expect.stringContaining('127.0.0.1') },
      { kind: 'click', url: 'https://shop.example/sale', userAgent: READER['user-agent'] },
    ]);
    expect(rowsIn('message_extras')).toBe(3);
  });

  it('removes transactional content after 3 days and keeps bulk content and unmatched reports', async () => {
    clock.advance(4 * DAY);
    const run = await client.call('retention.run', {});
    expect(run).toMatchObject({ bodiesPurged: 1, trackingDetailsPurged: 2, reportFieldsPurged: 1, trackingEventsDeleted: 0, inboundReportsDeleted: 0 });
    expect(await trackingOf(ids.transactional)).toMatchObject([
      { kind: 'open', url: null, userAgent: null, ip: null },
      { kind: 'click', url: null, userAgent: null, ip: null },
    ]);
    expect(await reportsOf(ids.transactional)).toMatchObject([{ outcome: 'complaint', detail: expect.stringContaining('buyer@dest.test'), fields: {} }]);
    expect((await trackingOf(ids.bulk))[1]).toMatchObject({ url: 'https://shop.example/sale' });
    expect((await reportsOf()).find((r) => r.messageId === null)).toMatchObject({ fields: { status: '5.1.1' } });
  });

  it('removes bulk content, and content nobody owns, after the longest body days (10)', async () => {
    clock.advance(7 * DAY);
    // The bulk message's open and click, and those of the message deleted from the queue.
    expect(await client.call('retention.run', {})).toMatchObject({ bodiesPurged: 1, trackingDetailsPurged: 4, reportFieldsPurged: 1 });
    expect(await trackingOf(ids.bulk)).toMatchObject([{ url: null, ip: null }, { url: null, ip: null }]);
    expect(await trackingOf(ids.deleted)).toMatchObject([{ url: null, userAgent: null }, { url: null, userAgent: null }]);
    expect((await reportsOf()).find((r) => r.messageId === null)).toMatchObject({ outcome: 'unmatched', fields: {} });
  });

  it('deletes a message\'s records with it after its metadata days', async () => {
    clock.advance(5 * DAY);
    const run = await client.call('retention.run', {});
    expect(run).toMatchObject({ messagesDeleted: 1, trackingEventsDeleted: 2, inboundReportsDeleted: 1, messageExtrasDeleted: 1 });
    expect(await trackingOf(ids.transactional)).toEqual([]);
    expect(await reportsOf(ids.transactional)).toEqual([]);
    expect(await trackingOf(ids.bulk)).toHaveLength(2);
    expect(rowsIn('message_extras')).toBe(2);
  });

  it('deletes what is left without a message after the longest metadata days (30), and reports the run', async () => {
    clock.advance(15 * DAY);
    const run = await client.call('retention.run', {});
    // The bulk message with its two events and extras; the deleted message's two events and
    // extras; the unmatched report.
    expect(run).toMatchObject({ messagesDeleted: 1, trackingEventsDeleted: 4, inboundReportsDeleted: 1, messageExtrasDeleted: 2 });
    expect([rowsIn('tracking_events'), rowsIn('inbound_reports'), rowsIn('message_extras')]).toEqual([0, 0, 0]);
    expect((await client.call('retention.get', {})).lastRun).toEqual(run);
  });
});
