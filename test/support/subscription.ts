// Records what a contract subscription delivers (snapshots and events) so a test can
// wait, bounded, until what it expects has arrived.
import type { ApiClient, ApiError, TopicName, Topics } from '../../engine/api/contract';

export interface RecordedTopic<T extends TopicName> {
  readonly snapshots: Array<Topics[T]['snapshot']>;
  readonly events: Array<Topics[T]['event']>;
  readonly errors: ApiError[];
  /** Resolves once `isMet` holds, re-checked on every frame; rejects after `timeoutMs`. */
  until(isMet: (recorded: RecordedTopic<T>) => boolean, what: string, timeoutMs?: number): Promise<void>;
  stop(): void;
}

export function recordTopic<T extends TopicName>(client: ApiClient, topic: T, params: Topics[T]['params']): RecordedTopic<T> {
  const checks = new Set<() => void>();
  const changed = () => checks.forEach((check) => check());
  const recorded: RecordedTopic<T> = {
    snapshots: [],
    events: [],
    errors: [],
    until(isMet, what, timeoutMs = 10_000) {
      if (isMet(recorded)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          checks.delete(check);
          reject(new Error(`${topic}: timed out after ${timeoutMs} ms waiting for ${what}; got ${recorded.snapshots.length} ` +
            `snapshot(s) and ${recorded.events.length} event(s)`));
        }, timeoutMs);
        const check = () => {
          if (!isMet(recorded)) return;
          clearTimeout(timer);
          checks.delete(check);
          resolve();
        };
        checks.add(check);
      });
    },
    stop: () => stop(),
  };
  const stop = client.subscribe(topic, params, {
    onSnapshot: (snapshot) => {
      recorded.snapshots.push(snapshot);
      changed();
    },
    onEvent: (event) => {
      recorded.events.push(event);
      changed();
    },
    onError: (error) => {
      recorded.errors.push(error);
      changed();
    },
  });
  return recorded;
}
