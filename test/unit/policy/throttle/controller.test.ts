// The adaptive throttle with a ManualClock: limits enforced with token buckets, halved and
// paused by a rate-limit reply, raised back step by step after enough successes and time,
// and a learned per-minute rate for destinations whose rule has none.
import { beforeEach, describe, expect, it } from 'vitest';
import type { EffectiveThrottle, ThrottleRuleView } from '../../../../engine/api/contract';
import { ThrottleController, defaultThrottleOptions, mergeRules, type ResolvedThrottle } from '../../../../engine/policy/index';
import { ManualClock } from '../../../../engine/shared/clock';

const MINUTE = 60_000;
const rule = (limits: Partial<ThrottleRuleView>): ThrottleRuleView => ({
  scope: 'domain', match: 'dest.test', label: 'dest', maxConnections: 8, messagesPerConnection: 50, messagesPerMinute: 120, messagesPerHour: 6000, isShipped: false, ...limits,
});

let clock: ManualClock;
let changes: EffectiveThrottle[];
let controller: ThrottleController;

function setUp(rules: ThrottleRuleView[]): ResolvedThrottle {
  controller = new ThrottleController(clock, mergeRules(rules), (change) => changes.push(change));
  return controller.resolve('dest.test', ['mx.dest.test']);
}

/** Takes every slot available now; returns how many, and the wait the next one got. */
function drain(resolved: ResolvedThrottle): { taken: number; wait: number } {
  for (let taken = 0; ; taken++) {
    const wait = controller.acquire(resolved);
    if (wait > 0) return { taken, wait };
  }
}

const succeed = (resolved: ResolvedThrottle, times: number) => {
  for (let i = 0; i < times; i++) controller.recordSuccess(resolved);
};

beforeEach(() => {
  clock = new ManualClock();
  changes = [];
});

describe('limits', () => {
  it('lets a burst of a twelfth of the per-minute rate through, then one slot per 1/rate', () => {
    const resolved = setUp([rule({})]);
    expect(drain(resolved)).toEqual({ taken: 10, wait: 500 }); // 120/min: burst ceil(120/12), then every 500 ms
    clock.advance(500);
    expect(drain(resolved)).toEqual({ taken: 1, wait: 500 });
    clock.advance(MINUTE);
    expect(drain(resolved).taken).toBe(10); // refilled only up to the burst
  });

  it('applies no rate when the rule sets none', () => {
    const resolved = setUp([rule({ messagesPerMinute: null, messagesPerHour: null })]);
    for (let i = 0; i < 1000; i++) expect(controller.acquire(resolved)).toBe(0);
  });
});

describe('a rate-limit reply', () => {
  it('halves connections and rates, pauses the destination, and says why', () => {
    const resolved = setUp([rule({})]);
    controller.recordRateLimited(resolved, '421 4.7.0 Try again later');
    expect(controller.limits(resolved)).toEqual({ maxConnections: 4, messagesPerConnection: 50, messagesPerMinute: 60, messagesPerHour: 3000 });
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      key: 'domain:dest.test', factor: 0.5, pausedUntil: clock.now() + defaultThrottleOptions.pauseMs,
      reason: 'Slowed to 50% and paused 60 s after: 421 4.7.0 Try again later',
    });
    expect(controller.acquire(resolved)).toBe(defaultThrottleOptions.pauseMs);
    clock.advance(defaultThrottleOptions.pauseMs - 1);
    expect(controller.acquire(resolved)).toBe(1);
    clock.advance(1);
    expect(drain(resolved)).toEqual({ taken: 5, wait: 1000 }); // 60/min: burst 5, one a second
  });

  it('halves again on each further reply, down to a floor, never below one connection', () => {
    const resolved = setUp([rule({})]);
    for (let i = 0; i < 10; i++) controller.recordRateLimited(resolved, '451 4.7.1 rate limited');
    expect(controller.list()[0]!.factor).toBe(1 / 64);
    expect(controller.limits(resolved)).toMatchObject({ maxConnections: 1, messagesPerMinute: 1 });
  });
});

describe('recovery', () => {
  it('raises the limits by half after enough successes and enough time, until back at the rule', () => {
    const resolved = setUp([rule({})]);
    controller.recordRateLimited(resolved, '421 4.7.0 slow down');
    const { recoverAfterSuccesses, recoverEveryMs } = defaultThrottleOptions;
    succeed(resolved, recoverAfterSuccesses);
    clock.advance(recoverEveryMs - 1);
    controller.recordSuccess(resolved);
    expect(controller.list()[0]!.factor).toBe(0.5); // enough successes, not yet enough time
    clock.advance(1);
    controller.recordSuccess(resolved);
    expect(controller.list()[0]).toMatchObject({ factor: 0.75, reason: 'Recovering: 75% of the configured limits after earlier rate-limit replies' });
    expect(controller.limits(resolved).messagesPerMinute).toBe(90);
    clock.advance(recoverEveryMs);
    succeed(resolved, recoverAfterSuccesses - 1);
    expect(controller.list()[0]!.factor).toBe(0.75); // enough time, one success short: the count restarted at the last step
    controller.recordSuccess(resolved);
    expect(changes.map((change) => change.factor)).toEqual([0.5, 0.75, 1]);
    expect(changes.at(-1)).toMatchObject({ reason: null, effective: changes.at(-1)!.configured });
    expect(controller.list()).toEqual([]); // nothing adjusted, nothing sent: no longer a busy destination
  });

  it('does nothing on success when nothing was slowed', () => {
    const resolved = setUp([rule({})]);
    succeed(resolved, 100);
    expect(changes).toEqual([]);
  });
});

describe('a destination without a per-minute rule', () => {
  it('learns half the rate it was sending at when told to slow down, then lets it grow back', () => {
    const resolved = setUp([rule({ messagesPerMinute: null, messagesPerHour: null })]);
    for (let i = 0; i < 30; i++) expect(controller.acquire(resolved)).toBe(0);
    controller.recordRateLimited(resolved, '421 4.7.0 too fast');
    expect(controller.limits(resolved).messagesPerMinute).toBe(15);
    clock.advance(defaultThrottleOptions.recoverEveryMs);
    succeed(resolved, defaultThrottleOptions.recoverAfterSuccesses);
    expect(controller.limits(resolved).messagesPerMinute).toBe(23); // ceil(15 x 1.5)
    clock.advance(defaultThrottleOptions.recoverEveryMs);
    succeed(resolved, defaultThrottleOptions.recoverAfterSuccesses);
    expect(controller.limits(resolved).messagesPerMinute).toBeNull(); // back to no rate at all
  });

  it('learns at least a small rate when it had sent almost nothing', () => {
    const resolved = setUp([rule({ messagesPerMinute: null })]);
    controller.recordRateLimited(resolved, '421 4.7.0 too fast');
    expect(controller.limits(resolved).messagesPerMinute).toBe(1);
  });
});

describe('the list of busy destinations', () => {
  it('shows destinations with connections, recent sends or an adjustment, and new rules on the next resolve', () => {
    const resolved = setUp([rule({})]);
    expect(controller.list()).toEqual([]);
    controller.connectionOpened(resolved);
    expect(controller.list()[0]).toMatchObject({ activeConnections: 1, sentLastMinute: 0 });
    controller.acquire(resolved);
    controller.connectionClosed(resolved);
    expect(controller.list()[0]).toMatchObject({ activeConnections: 0, sentLastMinute: 1 });
    clock.advance(MINUTE);
    expect(controller.list()).toEqual([]);

    controller.setRules(mergeRules([rule({ maxConnections: 2 })]));
    expect(controller.resolve('dest.test', ['mx.dest.test']).limits.maxConnections).toBe(2);
  });
});
