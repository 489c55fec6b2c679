// Quitting waits for the engine to stop: the first quit is held, the engine stops once,
// then the app quits for real.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { EngineLog } from '../../../engine/index';
import { stopBeforeQuit, type QuittableApp } from '../../../main/quit-guard';

class StandInApp extends EventEmitter implements QuittableApp {
  quits = 0;

  /** Like Electron: quit() emits before-quit, and quits unless a listener prevents it. */
  quit(): void {
    let isPrevented = false;
    this.emit('before-quit', { preventDefault: () => (isPrevented = true) });
    if (!isPrevented) this.quits += 1;
  }
}

function deferred(): { promise: Promise<void>; resolve(): void; reject(error: Error): void } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((yes, no) => ((resolve = yes), (reject = no)));
  return { promise, resolve, reject };
}

describe('stopBeforeQuit', () => {
  it('holds the quit until the engine has stopped, then quits once', async () => {
    const app = new StandInApp();
    const stopped = deferred();
    const stop = vi.fn(() => stopped.promise);
    stopBeforeQuit(app, stop, vi.fn<EngineLog>());

    app.quit();
    app.quit(); // a second Cmd-Q while stopping
    expect(app.quits).toBe(0);
    expect(stop).toHaveBeenCalledTimes(1);

    stopped.resolve();
    await vi.waitUntil(() => app.quits === 1, { timeout: 2000 });
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it('still quits when the engine fails to stop, and logs why', async () => {
    const app = new StandInApp();
    const log = vi.fn<EngineLog>();
    stopBeforeQuit(app, () => Promise.reject(new Error('store busy')), log);
    app.quit();
    await vi.waitUntil(() => app.quits === 1, { timeout: 2000 });
    expect(log).toHaveBeenCalledWith('error', 'the engine did not stop cleanly', { error: 'Error: store busy' });
  });
});
