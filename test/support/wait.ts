// Bounded waits on the engine's own signals: bus events, or a condition re-checked
// after each of them. A wait that times out says what it was waiting for.
import type { EngineEventName, EngineEvents } from '../../engine/events/bus';
import type { Engine } from '../../engine/index';

/** The next `event` whose payload satisfies `matches`. */
export function nextEvent<K extends EngineEventName>(
  engine: Engine,
  event: K,
  matches: (payload: EngineEvents[K]) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<EngineEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no ${event} event within ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = engine.bus.on(event, (payload) => {
      if (!matches(payload)) return;
      clearTimeout(timer);
      stop();
      resolve(payload);
    });
  });
}

/** Resolves once the session closes and its row (with ended_at) is written. */
export function sessionClosed(engine: Engine, matches: (session: EngineEvents['session.closed']) => boolean = () => true,
  timeoutMs = 10_000): Promise<EngineEvents['session.closed']> {
  return nextEvent(engine, 'session.closed', matches, timeoutMs);
}

/** Polls `probe` every 25 ms until it returns a value other than undefined, at most `timeoutMs`. */
export async function eventually<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
