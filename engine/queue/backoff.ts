// Retry schedule for deferred recipients: exponential backoff with jitter, capped, inside
// the retry window. RFC 5321 §4.5.4.1 asks for at least 30 minutes between retries to a
// destination in general; greylisting (typically 1-5 minutes) argues for an earlier first
// retry, which is why the schedule starts at 5 minutes and doubles from there.

export interface BackoffPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  /** ±fraction of random spread, so retries of one burst do not arrive together. */
  jitter: number;
}

export const defaultBackoff: BackoffPolicy = { firstDelayMs: 5 * 60_000, maxDelayMs: 2 * 3_600_000, jitter: 0.15 };

/** Delay before the next attempt after `attempts` failed ones (1 = the first failure). */
export function retryDelayMs(attempts: number, policy: BackoffPolicy = defaultBackoff, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  const base = Math.min(policy.firstDelayMs * 2 ** exponent, policy.maxDelayMs);
  const spread = base * policy.jitter * (random() * 2 - 1);
  return Math.max(1000, Math.round(base + spread));
}

/**
 * The schedule without jitter, for documentation and the console: retry times after the
 * first failure. A retry the schedule would put after the window moves to the window's end
 * (outcomes.ts), so the last retry is at `windowMs` itself.
 */
export function retrySchedule(windowMs: number, policy: BackoffPolicy = defaultBackoff): number[] {
  const offsets: number[] = [];
  let elapsed = 0;
  for (let attempts = 1; elapsed < windowMs; attempts++) {
    elapsed = Math.min(elapsed + retryDelayMs(attempts, policy, () => 0.5), windowMs);
    offsets.push(elapsed);
  }
  return offsets;
}
