// Managing endpoints through the contract: validation, filters by type, stream and sender
// domain, JSON Lines, the test event, replay of a time range and the live topic.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../engine/api/contract';
import { startTestRelay, type TestRelay } from '../../support/engine';
import { sendMail } from '../../support/delivery-relay';
import { recordTopic } from '../../support/subscription';
import { removeTempDirs } from '../../support/temp-dir';
import { eventually } from '../../support/wait';
import { startReceiver, type WebhookReceiver } from './receiver';

let relay: TestRelay;
let client: ApiClient;
const receivers: WebhookReceiver[] = [];

beforeAll(async () => {
  relay = await startTestRelay({ trustedNetworks: ['127.0.0.0/8'] });
  client = relay.engine.client;
});

afterAll(async () => {
  await Promise.all(receivers.map((receiver) => receiver.close()));
  await relay.stop();
  removeTempDirs();
});

async function receiver(): Promise<WebhookReceiver> {
  const started = await startReceiver();
  receivers.push(started);
  return started;
}

describe('webhook endpoints', () => {
  it('refuses what cannot work, naming the field', async () => {
    await expect(client.call('webhooks.create', { name: 'x', url: 'ftp://example.com/' })).rejects.toMatchObject({ code: 'validation', details: { field: 'url' } });
    await expect(client.call('webhooks.create', { name: 'x', url: 'not a url' })).rejects.toMatchObject({ code: 'validation', details: { field: 'url' } });
    await expect(client.call('webhooks.create', { name: 'x', url: 'https://example.com/', senderDomains: ['bad domain'] }))
      .rejects.toMatchObject({ code: 'validation', details: { field: 'senderDomains' } });
    await expect(client.call('webhooks.create', { name: 'x', url: 'https://example.com/', eventTypes: ['message.sent' as never] }))
      .rejects.toMatchObject({ code: 'validation' });
    await expect(client.call('webhooks.get', { id: 999 })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('sends only the types, streams and sender domains asked for, as JSON Lines', async () => {
    const hook = await receiver();
    const { webhook } = await client.call('webhooks.create', {
      name: 'filtered', url: hook.url, format: 'jsonl', batchIntervalMs: 0,
      eventTypes: ['recipient.delivered'], streams: ['transactional'], senderDomains: ['Wanted.test'],
    });
    expect(webhook).toMatchObject({ eventTypes: ['recipient.delivered'], streams: ['transactional'], senderDomains: ['wanted.test'], format: 'jsonl' });
    await sendMail(relay, [
      { from: 'app@other.test', to: ['a@dest.test'] },
      { from: 'app@wanted.test', to: ['b@dest.test', 'c@dest.test'], subject: 'Wanted' },
    ]);
    const events = await hook.until((received) => received.length >= 2, 'two deliveries');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hook.accepted()).toHaveLength(2);
    expect(events.map((event) => [event.type, event.recipient, event.message?.senderDomain, event.message?.subject]))
      .toEqual([['recipient.delivered', 'b@dest.test', 'wanted.test', 'Wanted'], ['recipient.delivered', 'c@dest.test', 'wanted.test', 'Wanted']]);
    expect(hook.requests.every((r) => r.headers['content-type'] === 'application/x-ndjson' && r.body.endsWith('\n'))).toBe(true);
  });

  it('sends a test event on demand, even while disabled, and logs it as a test', async () => {
    const hook = await receiver();
    const { webhook } = await client.call('webhooks.create', { name: 'probe', url: hook.url, isEnabled: false });
    const attempt = await client.call('webhooks.test', { id: webhook.id });
    expect(attempt).toMatchObject({ webhookId: webhook.id, isTest: true, isSuccess: true, status: 200, eventCount: 1, error: null, responseExcerpt: 'ok' });
    expect(hook.accepted()).toEqual([expect.objectContaining({ type: 'webhook.test', message: null, data: { note: 'A test event for probe.' } })]);
    hook.answer(500);
    const failed = await client.call('webhooks.test', { id: webhook.id });
    expect(failed).toMatchObject({ isSuccess: false, status: 500, error: 'The endpoint answered 500 Internal Server Error; only 2xx counts as received.' });
    const log = await client.call('webhooks.attempts', { id: webhook.id, limit: 1 });
    expect(log.items).toEqual([failed]);
    expect((await client.call('webhooks.attempts', { id: webhook.id, cursor: log.nextCursor! })).items).toEqual([attempt]);
  });

  it('replays the events of a time range with their original ids, after what already waits', async () => {
    const hook = await receiver();
    const from = Date.now();
    const [id] = await sendMail(relay, { to: ['replayed@dest.test'] });
    await eventually(async () => ((await client.call('message.get', { id: id! })).recipients[0]!.state === 'delivered' || undefined), 'the delivery');
    const { webhook } = await client.call('webhooks.create', { name: 'late', url: hook.url, batchIntervalMs: 0 });
    // Created after the message: it got nothing of it until the replay.
    expect((await client.call('webhooks.replay', { id: webhook.id, from, eventTypes: ['message.accepted', 'recipient.delivered'] })).queued).toBeGreaterThanOrEqual(2);
    const first = await hook.until((events) => events.some((e) => e.message?.id === id && e.type === 'recipient.delivered'), 'the replayed delivery');
    const replayed = first.filter((event) => event.message?.id === id);
    expect(replayed.map((event) => event.type)).toEqual(['message.accepted', 'recipient.delivered']);
    expect(replayed[0]).toMatchObject({ id: expect.stringMatching(/^evt_\d+$/), data: { recipients: ['replayed@dest.test'], source: 'smtp', route: 'sandbox' } });
    await client.call('webhooks.replay', { id: webhook.id, from, eventTypes: ['recipient.delivered'] });
    const again = await hook.until((events) => events.filter((e) => e.message?.id === id).length === 3, 'the second replay');
    expect(again.filter((e) => e.message?.id === id).map((e) => e.id)).toEqual([replayed[0]!.id, replayed[1]!.id, replayed[1]!.id]);
    await expect(client.call('webhooks.replay', { id: webhook.id, from, to: from })).rejects.toMatchObject({ code: 'validation', details: { field: 'to' } });
  });

  it('publishes attempts and changes on webhooks.live and removes an endpoint with its log', async () => {
    const hook = await receiver();
    const live = recordTopic(client, 'webhooks.live', {});
    await live.until((recorded) => recorded.snapshots.length === 1, 'the snapshot');
    // Subscribed to an event nothing here raises: mail accepted by earlier tests may still be
    // fanning out, and its deliveries would add attempts of their own to the sequence.
    const { webhook } = await client.call('webhooks.create', { name: 'watched', url: hook.url, eventTypes: ['domain.statusChanged'] });
    await client.call('webhooks.test', { id: webhook.id });
    await client.call('webhooks.update', { id: webhook.id, patch: { name: 'renamed', batchSize: 10 } });
    expect(await client.call('webhooks.remove', { id: webhook.id })).toEqual({ removed: true });
    await live.until((recorded) => recorded.events.some((e) => e.kind === 'removed'), 'the removal');
    expect(live.events.map((event) => event.kind)).toEqual(['changed', 'attempt', 'changed', 'removed']);
    expect(live.events[2]).toMatchObject({ webhook: { name: 'renamed', batchSize: 10 } });
    live.stop();
    expect(await client.call('webhooks.remove', { id: webhook.id })).toEqual({ removed: false });
    await expect(client.call('webhooks.attempts', { id: webhook.id })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('announces blocklist listings and domain status changes raised on the bus, and nothing else of theirs', async () => {
    const hook = await receiver();
    await client.call('webhooks.create', { name: 'reputation', url: hook.url, batchIntervalMs: 0, eventTypes: ['blocklist.listed', 'domain.statusChanged'] });
    const { bus } = relay.engine;
    const at = Date.now();
    const entry = { target: '192.0.2.9', targetKind: 'ip' as const, list: 'Spamhaus ZEN', source: 'dns' as const, detail: '127.0.0.2', delistUrl: null, error: null, errorKind: null, returnCodes: ['127.0.0.2'], since: at, checkedAt: at };
    bus.emit('blocklist.changed', { ...entry, state: 'clear' });
    bus.emit('blocklist.changed', { ...entry, state: 'listed' });
    bus.emit('domain.changed', { domain: 'shop.test', kind: 'checked', detail: 'checked', at: Date.now() });
    bus.emit('domain.changed', { domain: 'shop.test', kind: 'status', detail: 'shop.test: unverified -> verified', at: Date.now(), from: 'unverified', to: 'verified' });
    const events = await hook.until((received) => received.length >= 2, 'two events');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hook.accepted()).toHaveLength(2);
    expect(events).toEqual([
      expect.objectContaining({ type: 'blocklist.listed', message: null, data: { target: '192.0.2.9', targetKind: 'ip', list: 'Spamhaus ZEN', source: 'dns', detail: '127.0.0.2', delistUrl: null } }),
      expect.objectContaining({ type: 'domain.statusChanged', data: { domain: 'shop.test', from: 'unverified', to: 'verified', detail: 'shop.test: unverified -> verified' } }),
    ]);
  });

  it('lists every public event type with what it means', async () => {
    const types = await client.call('webhooks.eventTypes', {});
    expect(types.map((t) => t.type)).toEqual(['message.accepted', 'recipient.delivered', 'recipient.deferred', 'recipient.bounced',
      'recipient.suppressed', 'recipient.expired', 'recipient.opened', 'recipient.clicked', 'recipient.unsubscribed',
      'recipient.complained', 'blocklist.listed', 'domain.statusChanged']);
    expect(types.every((t) => t.description.endsWith('.'))).toBe(true);
  });
});
