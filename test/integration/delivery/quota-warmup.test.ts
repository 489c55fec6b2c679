// The daily quota (alerts at 80% and 100%, nothing leased at the cap, released when the UTC
// day rolls over) and IP warm-up caps (mail over the cap postponed to tomorrow with the
// reason, or sent through the overflow route).
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../engine/shared/clock';
import { mxRecords, sendMail, wakeDelivery, waitForStates } from '../../support/delivery-relay';
import { deliveryTestbed } from '../../support/delivery-testbed';
import { recordTopic } from '../../support/subscription';

const DAY_MS = 86_400_000;
// Mid-morning UTC, so a day's tests never cross midnight by accident.
const clock = new ManualClock(Date.UTC(2026, 0, 5, 9));
const bed = deliveryTestbed({
  mx: [{ host: '127.0.0.2', name: 'mx.dest.test' }, { host: '127.0.0.3', name: 'smtp.provider.test' }],
  zone: mxRecords('dest.test', [[10, 'mx.dest.test', '127.0.0.2']]),
  relay: { clock, delivery: { sourceAddresses: { transactional: '127.0.0.1' } } },
  prepare: async ({ relay, fleet }) => {
    await relay.engine.client.call('routes.save', { name: 'provider', smarthost: { host: '127.0.0.3', port: fleet.port, tls: 'none' } });
  },
});

const nextMidnight = () => Math.floor(clock.now() / DAY_MS) * DAY_MS + DAY_MS;
const statesOf = async (ids: string[]) => Promise.all(ids.map(async (id) => (await bed.relay.engine.client.call('message.get', { id })).recipients[0]!.state));

/** Queues messages while dest.test is paused, then releases them at once: one scheduler pass sees them all. */
async function releaseTogether(count: number, prefix: string): Promise<string[]> {
  await bed.relay.engine.client.call('delivery.pause', { kind: 'domain', target: 'dest.test' });
  const ids = await sendMail(bed.relay, Array.from({ length: count }, (_, i) => ({ to: [`${prefix}${i}@dest.test`] })));
  await bed.relay.engine.client.call('delivery.resume', { kind: 'domain', target: 'dest.test' });
  return ids;
}

describe('the daily quota', () => {
  it('alerts at 80% and 100%, leases nothing more at the cap, and releases the rest after 00:00 UTC', async () => {
    const alerts = recordTopic(bed.relay.engine.client, 'alerts.live', {});
    await bed.relay.engine.client.call('quota.set', { messagesPerSecond: null, dailyLimit: 5 });
    const first = await sendMail(bed.relay, Array.from({ length: 4 }, (_, i) => ({ to: [`q${i}@dest.test`] })));
    for (const id of first) await waitForStates(bed.relay, id, ['delivered']);
    await alerts.until((r) => r.events.length >= 1, 'the 80% alert');
    expect(alerts.events.map((a) => [a.kind, a.level, a.message])).toEqual([['quota', 'warning', '80% of the daily quota used (4 of 5 messages).']]);

    const rest = await releaseTogether(3, 'over');
    await waitForStates(bed.relay, rest[0]!, ['delivered']);
    const quota = await bed.relay.engine.client.call('quota.get', {});
    expect(quota).toMatchObject({ dailyLimit: 5, sentToday: 5, alertLevel: 100, resetsAt: nextMidnight() });
    await alerts.until((r) => r.events.length >= 2, 'the 100% alert');
    expect(alerts.events.map((a) => a.level)).toEqual(['warning', 'critical']);
    expect(alerts.events[1]!.message).toContain(`waits until ${new Date(nextMidnight()).toISOString()}`);
    expect(await statesOf(rest)).toEqual(['delivered', 'queued', 'queued']);
    expect(bed.mx('127.0.0.2').transactions.filter((t) => t.isAccepted)).toHaveLength(5);

    clock.set(nextMidnight() + 60_000);
    await wakeDelivery(bed.relay);
    for (const id of rest) await waitForStates(bed.relay, id, ['delivered']);
    expect(await bed.relay.engine.client.call('quota.get', {})).toMatchObject({ sentToday: 2, alertLevel: 0 });
    await bed.relay.engine.client.call('quota.set', { messagesPerSecond: null, dailyLimit: null });
    alerts.stop();
  });
});

describe('IP warm-up', () => {
  it('postpones mail over the day\'s cap of the source address to the next day, saying why', async () => {
    clock.set(nextMidnight() + 9 * 3_600_000);
    await bed.relay.engine.client.call('warmup.set', { sourceAddress: '127.0.0.1', dailyCaps: [3, 100] });
    const ids = await releaseTogether(5, 'warm');
    await waitForStates(bed.relay, ids[0]!, ['delivered']);
    const [plan] = await bed.relay.engine.client.call('warmup.list', {});
    expect(plan).toMatchObject({ sourceAddress: '127.0.0.1', day: 1, todayCap: 3, sentToday: 3 });
    const details = await Promise.all(ids.map((id) => bed.relay.engine.client.call('message.get', { id })));
    const waiting = details.map((d) => d.recipients[0]!).filter((r) => r.state === 'queued');
    expect(waiting).toHaveLength(2);
    for (const recipient of waiting) {
      expect(recipient.nextAttemptAt).toBe(nextMidnight());
      expect(recipient.reason).toBe(`Warm-up cap for 127.0.0.1 reached (3 today, day 1 of 2). Waits until ${new Date(nextMidnight()).toISOString()}.`);
      expect(recipient.attempts).toBe(0);
    }

    clock.set(nextMidnight() + 60_000);
    await wakeDelivery(bed.relay);
    for (const id of ids) await waitForStates(bed.relay, id, ['delivered']);
    expect((await bed.relay.engine.client.call('warmup.list', {}))[0]).toMatchObject({ day: 2, todayCap: 100, sentToday: 2 });
  });

  it('sends mail over the cap through the overflow route instead, when one is set', async () => {
    clock.set(nextMidnight() + 9 * 3_600_000);
    await bed.relay.engine.client.call('warmup.set', { sourceAddress: '127.0.0.1', dailyCaps: [2], overflow: { kind: 'route', route: 'provider' } });
    const ids = await releaseTogether(4, 'flow');
    for (const id of ids) await waitForStates(bed.relay, id, ['delivered']);
    const routes = await Promise.all(ids.map(async (id) => (await bed.relay.engine.client.call('message.get', { id })).attempts[0]!.route));
    expect(routes.filter((r) => r === 'direct')).toHaveLength(2);
    expect(routes.filter((r) => r === 'provider')).toHaveLength(2);
    expect(bed.mx('127.0.0.3').transactions.filter((t) => t.isAccepted)).toHaveLength(2);
  });
});
