// Test-scoped peers and a sample message, for test files that drive the peers: each
// started peer is closed after its test, so no test leaks a listener into the next.
import { afterEach } from 'vitest';
import { startScriptedMx, type ScriptedMx, type ScriptedMxOptions } from './scripted-mx';

export const SAMPLE_MESSAGE = 'From: app@sender.test\r\nTo: alice@example.test\r\nSubject: hello\r\n\r\nHi there.\r\n';
export const SAMPLE_ENVELOPE = { from: 'app@sender.test', to: ['alice@example.test'] };

/** Call at the top of a test file; the returned function starts a scripted MX closed after the current test. */
export function scriptedMxPerTest(): (options?: ScriptedMxOptions) => Promise<ScriptedMx> {
  const running: ScriptedMx[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.close()));
  });
  return async (options = {}) => {
    const started = await startScriptedMx(options);
    running.push(started);
    return started;
  };
}
