// What the console's Webhooks page relies on beyond the basics: one finished event sent
// again with its original id (webhooks.redeliver), the recent success rate on every
// endpoint, and live attempts that carry the endpoint as the attempt left it.
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
let hook: WebhookReceiver;

beforeAll(async () => {
  relay = await startTestRelay({ trustedNetworks: ['127.0.0.0/8'], webhooks: { retryInitialMs: 60_000 } });
  client = relay.engine.client;
  hook = await startReceiver();
});

afterAll(async () => {
  await hook.close();
  await relay.stop();
  removeTempDirs();
});

describe('webhooks for the console', () => {
  it('sends one delivered event again with its id, and refuses what is pending or unknown', async () => {
    const { webhook } = await client.call('webhooks.create', { name: 'again', url: hook.url, batchIntervalMs: 0, eventTypes: ['message.accepted'] });
    const [id] = await sendMail(relay, { to: ['once@dest.test'] });
    await hook.until((events) => events.some((event) => event.message?.id === id), 'the accepted event');
    const delivered = await eventually(async () => (await client.call('webhooks.deliveries', { id: webhook.id, state: 'delivered' })).items[0], 'a delivered row');
    expect(delivered).toMatchObject({ type: 'message.accepted', messageId: id, attempts: 1 });

    expect(await client.call('webhooks.redeliver', { id: webhook.id, deliveryId: delivered.id })).toEqual({ queued: 1 });
    const events = await hook.until((received) => received.filter((event) => event.message?.id === id).length === 2, 'the event again');
    const ids = events.filter((event) => event.message?.id === id).map((event) => event.id);
    expect(ids).toEqual([delivered.eventId, delivered.eventId]);
    const rows = (await client.call('webhooks.deliveries', { id: webhook.id })).items;
    expect(rows.filter((row) => row.eventId === delivered.eventId)).toHaveLength(2);

    await expect(client.call('webhooks.redeliver', { id: webhook.id, deliveryId: 999_999 })).rejects.toMatchObject({ code: 'not_found' });
    await expect(client.call('webhooks.redeliver', { id: 999_999, deliveryId: delivered.id })).rejects.toMatchObject({ code: 'not_found' });
    const other = await client.call('webhooks.create', { name: 'other', url: hook.url, isEnabled: false });
    // A delivery belongs to its endpoint: it cannot be sent to another one.
    await expect(client.call('webhooks.redeliver', { id: other.webhook.id, deliveryId: delivered.id })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('counts recent successes and publishes each attempt with the endpoint as it left it', async () => {
    const { webhook } = await client.call('webhooks.create', { name: 'rated', url: hook.url, batchIntervalMs: 0, eventTypes: ['message.accepted'] });
    expect(webhook.recent).toEqual({ attempts: 0, succeeded: 0 });
    const live = recordTopic(client, 'webhooks.live', {});
    await live.until((recorded) => recorded.snapshots.length === 1, 'the snapshot');
    await client.call('webhooks.test', { id: webhook.id });
    hook.answer(500);
    try {
      await sendMail(relay, { to: ['failing@dest.test'] });
      const failed = await eventually(async () => {
        const view = await client.call('webhooks.get', { id: webhook.id });
        return view.consecutiveFailures > 0 ? view : undefined;
      }, 'the failed attempt');
      expect(failed).toMatchObject({ recent: { attempts: 2, succeeded: 1 }, pending: 1, lastAttempt: { status: 500, isTest: false } });
      // Retries start after retryInitialMs (a minute here), with ±10% jitter.
      expect(failed.nextAttemptAt).toBeGreaterThan(Date.now() + 30_000);
      const ours = () => live.events.flatMap((event) => (event.kind === 'attempt' && event.attempt.webhookId === webhook.id ? [event] : []));
      await live.until(() => ours().some((event) => !event.attempt.isTest), 'the live failure');
      const attempts = ours();
      expect(attempts.map((event) => [event.attempt.isTest, event.attempt.status, event.webhook.recent])).toEqual([
        [true, 200, { attempts: 1, succeeded: 1 }],
        [false, 500, { attempts: 2, succeeded: 1 }],
      ]);
      expect(attempts[1]!.webhook).toMatchObject({ id: webhook.id, consecutiveFailures: 1, nextAttemptAt: failed.nextAttemptAt, pending: 1 });
      expect(attempts[1]!.attempt.responseExcerpt).toBe('receiver unavailable');
    } finally {
      hook.answer(200);
      live.stop();
    }
  });
});
