// Reconnect delays: exponential from half a second to ten, with jitter so a restarted
// relay is not hit by every open console in the same instant.

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 10_000;

/** `attempt` counts from 0; `random` is in [0, 1). */
export function reconnectDelayMs(attempt: number, random: number): number {
  const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** attempt);
  return Math.round(base * (0.8 + 0.4 * random));
}
