// Per-destination throttles, measured at the receiving MX: the delivery rate stays within
// a messagesPerMinute rule, a 421 halves it (visible as the effective limit and on the
// throttles.live topic), and concurrent connections never exceed maxConnections.
import { describe, expect, it } from 'vitest';
import type { ScriptedMx } from '../peers/scripted-mx';
import { mxRecords, sendMail, waitForAttempts, waitForStates } from '../../support/delivery-relay';
import { deliveryTestbed } from '../../support/delivery-testbed';
import { OffsetClock } from '../../support/offset-clock';
import { recordTopic } from '../../support/subscription';

const PER_MINUTE = 240;
const SLOW_DOWN = '421 4.7.0 mx.rate.test Try again later, closing connection';

const clock = new OffsetClock();
const bed = deliveryTestbed({
  mx: [
    // First, so it is reached without a forwarder: its connection count is the relay's own.
    { host: '127.0.0.2', name: 'mx.busy.test', greetingDelayMs: 200 },
    { host: '127.0.0.3', name: 'mx.rate.test', rcpt: ({ address }) => (address === 'trigger@rate.test' ? SLOW_DOWN : undefined) },
  ],
  zone: [
    ...mxRecords('busy.test', [[10, 'mx.busy.test', '127.0.0.2']]),
    ...mxRecords('rate.test', [[10, 'mx.rate.test', '127.0.0.3']]),
  ],
  relay: { clock },
  prepare: async ({ relay }) => {
    const rule = { scope: 'domain', messagesPerMinute: null, messagesPerHour: null, messagesPerConnection: null, maxConnections: null } as const;
    await relay.engine.client.call('throttles.setRule', { ...rule, match: 'rate.test', label: 'rate', messagesPerMinute: PER_MINUTE, maxConnections: 2 });
    await relay.engine.client.call('throttles.setRule', { ...rule, match: 'busy.test', label: 'busy', maxConnections: 3, messagesPerConnection: 2 });
  },
});

/** Queues `count` messages to `domain` while it is paused, then releases them together. */
async function burst(domain: string, count: number, prefix: string): Promise<string[]> {
  await bed.relay.engine.client.call('delivery.pause', { kind: 'domain', target: domain });
  const ids = await sendMail(bed.relay, Array.from({ length: count }, (_, i) => ({ to: [`${prefix}${i}@${domain}`] })));
  await bed.relay.engine.client.call('delivery.resume', { kind: 'domain', target: domain });
  for (const id of ids) await waitForStates(bed.relay, id, ['delivered'], 30_000);
  return ids;
}

/**
 * The most any window of arrivals exceeds what a token bucket of `perMinute` with burst
 * `capacity` can release in it. The bucket's own bound is capacity + rate x window; one token
 * of rounding and 1 s of send latency (first connections wait for a greeting, a loaded
 * machine stalls) are allowed on top, so a result above 0 is a real breach of the rule.
 */
function excessOver(arrivals: number[], perMinute: number, capacity: number): number {
  let worst = -Infinity;
  for (let i = 0; i < arrivals.length; i++) {
    for (let j = i; j < arrivals.length; j++) {
      const allowed = capacity + 1 + (perMinute / 60_000) * (arrivals[j]! - arrivals[i]! + 1000);
      worst = Math.max(worst, j - i + 1 - allowed);
    }
  }
  return worst;
}

const arrivalsAt = (mx: ScriptedMx, prefix: string) =>
  mx.transactions.filter((t) => t.isAccepted && t.rcptTo[0]!.startsWith(prefix)).map((t) => t.at).sort((a, b) => a - b);

// controller.ts: a per-minute bucket holds a twelfth of the minute's allowance.
const capacityOf = (perMinute: number) => Math.ceil(perMinute / 12);

describe('a messagesPerMinute rule', () => {
  it('holds the measured rate to the rule, and a 421 halves it', async () => {
    const mx = bed.mx('127.0.0.3');
    await burst('rate.test', capacityOf(PER_MINUTE) + 16, 'full');
    const full = arrivalsAt(mx, 'full');
    expect(excessOver(full, PER_MINUTE, capacityOf(PER_MINUTE))).toBeLessThanOrEqual(0);

    const live = recordTopic(bed.relay.engine.client, 'throttles.live', {});
    const [trigger] = await sendMail(bed.relay, { to: ['trigger@rate.test'] });
    const deferred = await waitForAttempts(bed.relay, trigger!, 1);
    expect(deferred.attempts[0]).toMatchObject({ verdict: 'deferred', reply: SLOW_DOWN });
    const { effective } = await bed.relay.engine.client.call('throttles.list', {});
    expect(effective.find((t) => t.key === 'domain:rate.test')).toMatchObject({
      factor: 0.5, effective: { messagesPerMinute: PER_MINUTE / 2, maxConnections: 1 }, reason: expect.stringContaining(SLOW_DOWN),
    });
    await live.until((r) => r.events.some((list) => list.some((t) => t.key === 'domain:rate.test' && t.factor === 0.5)), 'the halved throttle');
    live.stop();

    // Skip the pause after the 421; then fewer than the 20 successes that start a recovery.
    clock.advance(61_000);
    await burst('rate.test', 20, 'half');
    const half = arrivalsAt(mx, 'half');
    expect(excessOver(half, PER_MINUTE / 2, capacityOf(PER_MINUTE / 2))).toBeLessThanOrEqual(0);
  }, 60_000);
});

describe('a maxConnections rule', () => {
  it('never has more connections open to the destination than the rule allows', async () => {
    await burst('busy.test', 24, 'c');
    const mx = bed.mx('127.0.0.2');
    expect(mx.transactions.filter((t) => t.isAccepted)).toHaveLength(24);
    expect(mx.connections.length).toBeGreaterThanOrEqual(12); // two messages per connection
    expect(mx.maxConcurrentConnections).toBeLessThanOrEqual(3);
    expect(mx.maxConcurrentConnections).toBeGreaterThan(1);
  }, 60_000);
});
