// Adaptive per-destination throttling: rule limits enforced with token buckets, cut in
// half (and paused) by each rate-limit reply such as 421 or 451 4.7.x, then raised back
// gradually while deliveries succeed. Every change is published with its reason.
import type { EffectiveThrottle, ThrottleLimits, ThrottleRuleView } from '../../api/contract';
import type { Clock } from '../../shared/clock';
import { resolveThrottle, type ResolvedThrottle } from './rules';
import { TokenBucket } from './token-bucket';

export interface ThrottleOptions {
  /** Sending to a destination stops this long after a rate-limit reply. */
  pauseMs: number;
  /** Consecutive successes, and time since the last change, before each step back up. */
  recoverAfterSuccesses: number;
  recoverEveryMs: number;
}

export const defaultThrottleOptions: ThrottleOptions = { pauseMs: 60_000, recoverAfterSuccesses: 20, recoverEveryMs: 60_000 };

const MIN_FACTOR = 1 / 64;
const RECOVERY_STEP = 1.5;
const MINUTE = 60_000;
const HOUR = 3_600_000;

interface KeyState {
  resolved: ResolvedThrottle;
  /** What it was last resolved from, so a rule change applies at once, not at the next message. */
  lookup: { domain: string; mxHosts: readonly string[] } | null;
  factor: number;
  /** A learned per-minute limit when the rule has none but the destination asked us to slow down. */
  learnedPerMinute: number | null;
  pausedUntil: number;
  reason: string | null;
  successes: number;
  changedAt: number;
  sentAt: number[];
  activeConnections: number;
  minute: TokenBucket | null;
  hour: TokenBucket | null;
}

export class ThrottleController {
  private readonly states = new Map<string, KeyState>();

  constructor(
    private readonly clock: Clock,
    private rules: readonly ThrottleRuleView[],
    private readonly onChange: (throttle: EffectiveThrottle) => void,
    private readonly options: ThrottleOptions = defaultThrottleOptions,
  ) {}

  /** New rules apply at once to every known destination whose limits they change. */
  setRules(rules: readonly ThrottleRuleView[]): void {
    this.rules = rules;
    for (const state of this.states.values()) {
      if (state.lookup) this.resolve(state.lookup.domain, state.lookup.mxHosts);
    }
  }

  resolve(domain: string, mxHosts: readonly string[]): ResolvedThrottle {
    const resolved = resolveThrottle(this.rules, domain, mxHosts);
    const state = this.states.get(resolved.key);
    if (state) {
      state.lookup = { domain, mxHosts };
      if (!sameLimits(state.resolved.limits, resolved.limits)) {
        state.resolved = resolved;
        this.publish(state);
      }
    }
    return resolved;
  }

  limits(resolved: ResolvedThrottle): ThrottleLimits {
    return this.effective(this.state(resolved));
  }

  /** Takes a send slot: 0 means go now, otherwise the ms to wait before asking again. */
  acquire(resolved: ResolvedThrottle): number {
    const state = this.state(resolved);
    const now = this.clock.now();
    if (state.pausedUntil > now) return state.pausedUntil - now;
    const limits = this.effective(state);
    state.minute = bucket(state.minute, limits.messagesPerMinute, MINUTE, now);
    state.hour = bucket(state.hour, limits.messagesPerHour, HOUR, now);
    const wait = Math.max(state.minute?.take(now) ?? 0, state.hour?.take(now) ?? 0);
    if (wait === 0) {
      state.sentAt.push(now);
      trimOlderThan(state.sentAt, now - MINUTE);
    }
    return wait;
  }

  connectionOpened(resolved: ResolvedThrottle): void {
    this.state(resolved).activeConnections++;
  }

  connectionClosed(resolved: ResolvedThrottle): void {
    const state = this.state(resolved);
    state.activeConnections = Math.max(0, state.activeConnections - 1);
  }

  /** The destination asked us to slow down: halve, pause, and remember why. */
  recordRateLimited(resolved: ResolvedThrottle, reply: string): void {
    const state = this.state(resolved);
    const now = this.clock.now();
    trimOlderThan(state.sentAt, now - MINUTE);
    const current = this.effective(state).messagesPerMinute ?? Math.max(state.sentAt.length, 2);
    state.factor = Math.max(MIN_FACTOR, state.factor / 2);
    if (state.resolved.limits.messagesPerMinute === null) state.learnedPerMinute = Math.max(1, Math.floor(current / 2));
    state.pausedUntil = now + this.options.pauseMs;
    state.reason = `Slowed to ${Math.round(state.factor * 100)}% and paused ${this.options.pauseMs / 1000} s after: ${reply}`;
    state.successes = 0;
    state.changedAt = now;
    this.publish(state);
  }

  recordSuccess(resolved: ResolvedThrottle): void {
    const state = this.state(resolved);
    if (state.factor >= 1 && state.learnedPerMinute === null) return;
    const now = this.clock.now();
    state.successes++;
    if (state.successes < this.options.recoverAfterSuccesses || now - state.changedAt < this.options.recoverEveryMs) return;
    state.factor = Math.min(1, state.factor * RECOVERY_STEP);
    if (state.learnedPerMinute !== null) state.learnedPerMinute = Math.ceil(state.learnedPerMinute * RECOVERY_STEP);
    state.successes = 0;
    state.changedAt = now;
    if (state.factor >= 1) {
      // A learned limit is dropped once it has grown well past the rate that drew the complaint.
      state.learnedPerMinute = null;
      state.reason = null;
    } else {
      state.reason = `Recovering: ${Math.round(state.factor * 100)}% of the configured limits after earlier rate-limit replies`;
    }
    this.publish(state);
  }

  /** Destinations with live connections or an adaptive adjustment. */
  list(): EffectiveThrottle[] {
    // Sends older than a minute are trimmed first: an idle destination leaves the list (and
    // throttles.live, which refreshes while the list is not empty, goes quiet).
    const cutoff = this.clock.now() - MINUTE;
    return [...this.states.values()]
      .filter((state) => {
        trimOlderThan(state.sentAt, cutoff);
        return state.activeConnections > 0 || state.reason !== null || state.sentAt.length > 0;
      })
      .map((state) => this.view(state));
  }

  private state(resolved: ResolvedThrottle): KeyState {
    let state = this.states.get(resolved.key);
    if (!state) {
      state = {
        resolved, lookup: null, factor: 1, learnedPerMinute: null, pausedUntil: 0, reason: null, successes: 0,
        changedAt: this.clock.now(), sentAt: [], activeConnections: 0, minute: null, hour: null,
      };
      this.states.set(resolved.key, state);
    }
    return state;
  }

  private effective(state: KeyState): ThrottleLimits {
    const configured = state.resolved.limits;
    const scale = (value: number | null) => (value === null ? null : Math.max(1, Math.floor(value * state.factor)));
    return {
      maxConnections: scale(configured.maxConnections),
      messagesPerConnection: configured.messagesPerConnection,
      messagesPerMinute: configured.messagesPerMinute !== null ? scale(configured.messagesPerMinute) : state.learnedPerMinute,
      messagesPerHour: scale(configured.messagesPerHour),
    };
  }

  private view(state: KeyState): EffectiveThrottle {
    const now = this.clock.now();
    trimOlderThan(state.sentAt, now - MINUTE);
    return {
      key: state.resolved.key,
      label: state.resolved.label,
      configured: state.resolved.limits,
      effective: this.effective(state),
      factor: state.factor,
      pausedUntil: state.pausedUntil > now ? state.pausedUntil : null,
      reason: state.reason,
      sentLastMinute: state.sentAt.length,
      activeConnections: state.activeConnections,
    };
  }

  private publish(state: KeyState): void {
    this.onChange(this.view(state));
  }
}

function bucket(existing: TokenBucket | null, rate: number | null, periodMs: number, now: number): TokenBucket | null {
  if (rate === null) return null;
  // Up to a twelfth of the period's allowance at once (5 s for a per-minute limit): smooth,
  // yet a small burst after an idle spell need not wait.
  const capacity = Math.max(1, Math.ceil(rate / 12));
  if (!existing) return new TokenBucket(rate, periodMs, capacity, now);
  existing.reconfigure(rate, capacity, now);
  return existing;
}

function sameLimits(a: ThrottleLimits, b: ThrottleLimits): boolean {
  return a.maxConnections === b.maxConnections && a.messagesPerConnection === b.messagesPerConnection
    && a.messagesPerMinute === b.messagesPerMinute && a.messagesPerHour === b.messagesPerHour;
}

function trimOlderThan(times: number[], cutoff: number): void {
  let drop = 0;
  while (drop < times.length && times[drop]! <= cutoff) drop++;
  if (drop) times.splice(0, drop);
}
