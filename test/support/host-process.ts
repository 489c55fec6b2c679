// Runs the built headless host (`node out/host/relaydesk.js`) as a child process, as
// users run it; global-setup builds the bundle first.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { ListenerView } from '../../engine/api/contract';

export const CLI_PATH = resolve(import.meta.dirname, '../../out/host/relaydesk.js');

export interface HostProcess {
  child: ChildProcess;
  dataDir: string;
  listeners: ListenerView[];
  consoleUrl: string;
  token: string;
  port(name: string): number;
  /** Everything the host wrote to stderr so far. */
  stderr(): string;
  /** Sends a signal and resolves with the exit code (or the signal name). */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
  /** Resolves with the exit code (or the signal name) once the host exits, without signalling it. */
  readonly exited: Promise<number | string>;
}

/** Writes `config` (JSON) into the data dir and starts `relaydesk serve --json`. */
export async function startHostProcess(dataDir: string, config: object, timeoutMs = 20_000): Promise<HostProcess> {
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify(config));
  const child = spawn(process.execPath, [CLI_PATH, 'serve', '--json', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | string>((done) => child.once('exit', (code, signal) => done(code ?? signal ?? 'unknown')));
  const started = await new Promise<{ listeners: ListenerView[]; console: { url: string; token: string } }>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`host did not start within ${timeoutMs} ms; stderr:\n${stderr}`)), timeoutMs);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const event = JSON.parse(line) as { event?: string };
        if (event.event === 'listening') {
          clearTimeout(timer);
          done(event as never);
        }
      } catch {
        // not a JSON event line
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`host exited with ${code} before listening; stderr:\n${stderr}`));
    });
  });
  return {
    child,
    dataDir,
    listeners: started.listeners,
    consoleUrl: started.console.url,
    token: started.console.token,
    port(name) {
      const listener = started.listeners.find((l) => l.name === name);
      if (!listener) throw new Error(`No listener named ${name}`);
      return listener.port;
    },
    stderr: () => stderr,
    exited,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
