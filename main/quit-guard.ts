// Holds the app's quit until the engine has stopped gracefully: messages in DATA get
// their reply and the store closes cleanly instead of being cut off mid-commit.
import type { EngineLog } from '../engine/index';

export interface QuitEvent {
  preventDefault(): void;
}

export interface QuittableApp {
  on(event: 'before-quit', listener: (event: QuitEvent) => void): unknown;
  quit(): void;
}

export function stopBeforeQuit(app: QuittableApp, stop: () => Promise<void>, log: EngineLog): void {
  let state: 'running' | 'stopping' | 'stopped' = 'running';
  app.on('before-quit', (event) => {
    if (state === 'stopped') return;
    event.preventDefault();
    if (state === 'stopping') return;
    state = 'stopping';
    stop()
      .catch((error: unknown) => log('error', 'the engine did not stop cleanly', { error: String(error) }))
      .finally(() => {
        state = 'stopped';
        app.quit();
      });
  });
}
