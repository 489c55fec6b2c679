// A receiver that fails (503), then is gone (connection refused), then comes back: every
// event arrives once it answers 2xx, none lost, in the order it happened per message, and
// every failed request is in the attempt log. A disabled endpoint accumulates and catches up.
import { afterAll, describe, expect, it } from 'vitest';
import type { MessageDetail, WebhookEvent } from '../../../engine/api/contract';
import { OffsetClock } from '../../support/offset-clock';
import { mxRecords, sendMany, wakeDelivery, waitForAttempts, waitForStates } from '../../support/delivery-relay';
import { deliveryTestbed } from '../../support/delivery-testbed';
import { eventually } from '../../support/wait';
import { startReceiver, type WebhookReceiver } from './receiver';

const clock = new OffsetClock();
const bed = deliveryTestbed({
  mx: [{
    host: '127.0.0.2',
    name: 'mx.dest.test',
    rcpt: ({ address, attempt }) => {
      if (address === 'gone@dest.test') return '550 5.1.1 <gone@dest.test>: Recipient address rejected: User unknown';
      // One refusal per message of the first test (six messages): each is deferred once.
      if (address === 'slow@dest.test' && attempt < 6) return '451 4.7.1 <slow@dest.test>: Greylisted, try again later';
      return undefined;
    },
  }],
  zone: mxRecords('dest.test', [[10, 'mx.dest.test', '127.0.0.2']]),
  // No delivery status notifications: their messages would add events of their own.
  relay: { clock, delivery: { dsn: { onFailure: false } }, config: { webhooks: { retryInitialMs: 50, retryMaxMs: 300 } } },
});

const receivers: WebhookReceiver[] = [];
afterAll(() => Promise.all(receivers.map((receiver) => receiver.close())));

async function receiver(): Promise<WebhookReceiver> {
  const started = await startReceiver();
  receivers.push(started);
  return started;
}

/**
 * What a receiver should see for a message: its stored facts in the order they were
 * stored; a recipient suppressed at intake (gone@ after its first bounce) is announced
 * with the acceptance.
 */
function expectedTypes(detail: MessageDetail): string[] {
  const suppressedLater = new Set(detail.events.filter((event) => event.type === 'recipient.suppressed').map((event) => event.recipientId));
  return detail.events.flatMap((event) => {
    if (event.type === 'message.accepted') {
      return ['message.accepted', ...detail.recipients.filter((r) => r.state === 'suppressed' && !suppressedLater.has(r.recipientId)).map(() => 'recipient.suppressed')];
    }
    return /^recipient\.(delivered|deferred|bounced|suppressed|expired)$/.test(event.type) ? [event.type] : [];
  });
}

function typesFor(events: WebhookEvent[], messageId: string): string[] {
  return events.filter((event) => event.message?.id === messageId).map((event) => event.type);
}

/** Events about these messages, not those of earlier tests. */
function about(events: WebhookEvent[], ids: string[]): WebhookEvent[] {
  return events.filter((event) => event.message && ids.includes(event.message.id));
}

describe('a receiver that is down for a while', () => {
  it('gets every event once it is back, in order per message, with each failed request logged', async () => {
    const { client } = bed.relay.engine;
    const hook = await receiver();
    const { webhook } = await client.call('webhooks.create', { name: 'crm', url: hook.url, format: 'jsonl', batchSize: 4, batchIntervalMs: 0 });
    hook.answer(503);
    const ids = await sendMany(bed.relay, Array.from({ length: 6 }, (_, i) => ({ to: ['ok@dest.test', 'gone@dest.test', 'slow@dest.test'], subject: `Outage ${i}` })), 3);
    for (const id of ids) await waitForAttempts(bed.relay, id, 3);
    await eventually(async () => ((await client.call('webhooks.attempts', { id: webhook.id })).items.filter((a) => a.status === 503).length >= 3 || undefined), 'three 503 answers');

    await hook.down();
    await eventually(async () => ((await client.call('webhooks.attempts', { id: webhook.id })).items.filter((a) => a.status === null).length >= 2 || undefined), 'two refused connections');
    // Meanwhile the greylisted recipients are retried and delivered: more events while the receiver is away.
    clock.advance(10 * 60_000);
    await wakeDelivery(bed.relay);
    const details = await Promise.all(ids.map((id) => waitForStates(bed.relay, id)));
    expect(details.every((detail) => detail.recipients.find((r) => r.address === 'slow@dest.test')!.state === 'delivered')).toBe(true);

    hook.answer(200);
    await hook.up();
    const expectedCount = details.reduce((sum, detail) => sum + expectedTypes(detail).length, 0);
    const received = about(await hook.until((events) => about(events, ids).length >= expectedCount, `${expectedCount} events`), ids);
    expect(received).toHaveLength(expectedCount);
    expect(new Set(received.map((event) => event.id)).size).toBe(expectedCount);
    for (const detail of details) {
      expect(typesFor(received, detail.id)).toEqual(expectedTypes(detail));
      expect(typesFor(received, detail.id)).toContain('recipient.deferred');
    }
    const bounced = received.find((event) => event.type === 'recipient.bounced')!;
    expect(bounced).toMatchObject({ recipient: 'gone@dest.test', message: { stream: 'transactional', senderDomain: 'sender.test' }, data: { mxHost: 'mx.dest.test', by: 'remote' } });
    expect(bounced.type === 'recipient.bounced' && bounced.data.reply).toMatch(/^550 5\.1\.1/);

    const attempts = (await client.call('webhooks.attempts', { id: webhook.id, limit: 500 })).items;
    const failed = attempts.filter((attempt) => !attempt.isSuccess);
    expect(failed.filter((a) => a.status === 503).every((a) => a.responseExcerpt === 'receiver unavailable' && /answered 503/.test(a.error!))).toBe(true);
    // A request in flight when the receiver went away was cut off; the rest were refused.
    expect(failed.filter((a) => a.status === null).every((a) => /^No answer from the endpoint: /.test(a.error!))).toBe(true);
    expect(failed.filter((a) => /ECONNREFUSED/.test(a.error ?? '')).length).toBeGreaterThanOrEqual(1);
    expect(attempts.every((a) => a.durationMs >= 0 && a.eventCount >= 1 && a.eventCount <= 4)).toBe(true);
    // Attempts are newest first; the first request of all was a retried one.
    expect(attempts.at(-1)!.isSuccess).toBe(false);
    const view = await eventually(async () => {
      const current = await client.call('webhooks.get', { id: webhook.id });
      return current.pending === 0 ? current : undefined;
    }, 'nothing pending');
    expect(view).toMatchObject({ failed: 0, consecutiveFailures: 0, nextAttemptAt: null, lastAttempt: { isSuccess: true } });
    // A 503 is not a receipt: what the receiver saw then was sent again.
    expect(hook.requests.filter((r) => r.status === 503).length).toBeGreaterThanOrEqual(3);
  });
});

describe('a disabled endpoint', () => {
  it('keeps its events and sends them when it is enabled again', async () => {
    const { client } = bed.relay.engine;
    const hook = await receiver();
    const { webhook } = await client.call('webhooks.create', { name: 'paused', url: hook.url, isEnabled: false, batchIntervalMs: 0 });
    // gone@ bounced in the first test, so it is suppressed at intake now: an event of its own, from the acceptance.
    const ids = await sendMany(bed.relay, [{ to: ['ok@dest.test'] }, { to: ['ok@dest.test', 'gone@dest.test'] }], 2);
    await Promise.all(ids.map((id) => waitForStates(bed.relay, id)));
    const expected = [['message.accepted', 'recipient.delivered'], ['message.accepted', 'recipient.suppressed', 'recipient.delivered']];
    const pendingOf = async () => (await client.call('webhooks.deliveries', { id: webhook.id, state: 'pending', limit: 500 })).items
      .filter((d) => d.messageId && ids.includes(d.messageId));
    await eventually(async () => ((await pendingOf()).length === 5 || undefined), 'five pending events');
    expect(hook.requests).toHaveLength(0);

    await client.call('webhooks.update', { id: webhook.id, patch: { isEnabled: true } });
    const received = about(await hook.until((events) => about(events, ids).length >= 5, 'the accumulated events'), ids);
    expect(received).toHaveLength(5);
    expect(ids.map((id) => typesFor(received, id))).toEqual(expected);
    expect(received.find((event) => event.type === 'recipient.suppressed')).toMatchObject({
      recipient: 'gone@dest.test', data: { reason: expect.stringMatching(/^Suppressed for every stream \(hard-bounce/) },
    });
    await eventually(async () => ((await client.call('webhooks.get', { id: webhook.id })).pending === 0 || undefined), 'nothing pending');
  });
});

describe('an endpoint that fails for longer than the retry window', () => {
  it('gives its events up as failed, and a replay sends them again with their ids', async () => {
    const { client } = bed.relay.engine;
    const hook = await receiver();
    hook.answer(500);
    const from = clock.now();
    const { webhook } = await client.call('webhooks.create', { name: 'broken', url: hook.url, batchIntervalMs: 0 });
    const [id] = await sendMany(bed.relay, [{ to: ['ok@dest.test'] }], 1);
    await waitForStates(bed.relay, id!);
    await eventually(async () => ((await client.call('webhooks.get', { id: webhook.id })).pending === 2 || undefined), 'two events waiting');
    clock.advance(25 * 3_600_000);
    const view = await eventually(async () => {
      const current = await client.call('webhooks.get', { id: webhook.id });
      return current.failed === 2 ? current : undefined;
    }, 'the events given up');
    expect(view).toMatchObject({ pending: 0, lastAttempt: { isSuccess: false, status: 500 } });
    const failed = (await client.call('webhooks.deliveries', { id: webhook.id, state: 'failed' })).items;
    expect(failed.map((d) => d.lastError)).toEqual(Array(2).fill('The endpoint answered 500 Internal Server Error; only 2xx counts as received. Given up: not delivered within the retry window.'));

    hook.answer(200);
    expect(await client.call('webhooks.replay', { id: webhook.id, from })).toEqual({ queued: 2 });
    const received = await hook.until((events) => events.length === 2, 'the replayed events');
    expect(received.map((event) => event.id)).toEqual(failed.map((d) => d.eventId).reverse());
  });
});
