// The outbox and the fan-out's read position live in the store: events waiting for a
// failing receiver, and events stored just before a stop and not yet fanned out, are all
// sent after a restart.
import { afterAll, describe, expect, it } from 'vitest';
import { startTestRelay, type TestRelay } from '../../support/engine';
import { sendMail } from '../../support/delivery-relay';
import { removeTempDirs, tempDir } from '../../support/temp-dir';
import { eventually } from '../../support/wait';
import { startReceiver, type WebhookReceiver } from './receiver';

let relay: TestRelay | undefined;
let hook: WebhookReceiver | undefined;

afterAll(async () => {
  await relay?.stop();
  await hook?.close();
  removeTempDirs();
});

describe('webhooks across a restart', () => {
  it('send everything that was stored before the stop', async () => {
    const dataDir = tempDir();
    const config = { trustedNetworks: ['127.0.0.0/8'], webhooks: { retryInitialMs: 50, retryMaxMs: 200 } };
    hook = await startReceiver();
    hook.answer(503);
    relay = await startTestRelay(config, { dataDir });
    const { webhook } = await relay.engine.client.call('webhooks.create', { name: 'durable', url: hook.url, batchIntervalMs: 0 });
    const waiting = await sendMail(relay, [{ to: ['a@dest.test'] }, { to: ['b@dest.test'] }]);
    await eventually(async () => ((await relay!.engine.client.call('webhooks.get', { id: webhook.id })).pending === 4 || undefined), 'four events waiting');
    // Stopped right after the 250: this message's events may not have been read yet.
    const unread = await sendMail(relay, { to: ['c@dest.test'] });
    await relay.stop();

    relay = await startTestRelay(config, { dataDir });
    hook.answer(200);
    const ids = [...waiting, ...unread];
    const events = await hook.until((received) => ids.every((id) => received.some((e) => e.message?.id === id && e.type === 'recipient.delivered')), 'every delivery');
    for (const id of ids) expect(events.filter((e) => e.message?.id === id).map((e) => e.type)).toEqual(['message.accepted', 'recipient.delivered']);
  });
});
