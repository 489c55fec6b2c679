// Bounded waits for test peers: a condition is re-checked on every change the peer
// announces, so tests wait on events and never poll or sleep.
import type { EventEmitter } from 'node:events';

/** The event a peer emits whenever anything a condition might read has changed. */
export const CHANGED = 'changed';

/**
 * Resolves once `isMet()` is true, checking now and after every CHANGED event of
 * `emitter`; rejects after `timeoutMs` with `describe()` so a failing test says what
 * it was waiting for and what the peer had seen.
 */
export function waitUntil(
  emitter: EventEmitter,
  isMet: () => boolean,
  timeoutMs: number,
  describe: () => string,
): Promise<void> {
  if (isMet()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (!isMet()) return;
      clearTimeout(timer);
      emitter.off(CHANGED, check);
      resolve();
    };
    const timer = setTimeout(() => {
      emitter.off(CHANGED, check);
      reject(new Error(`timed out after ${timeoutMs} ms: ${describe()}`));
    }, timeoutMs);
    emitter.on(CHANGED, check);
  });
}
