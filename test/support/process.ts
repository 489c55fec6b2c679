// Child processes for tests (the relaydesk CLI, swaks, python3): bounded in time, with
// their exit code and both output streams collected.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createInterface } from 'node:readline';
import { CLI_PATH } from './host-process';

const DEFAULT_TIMEOUT_MS = 30_000;

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions extends Pick<SpawnOptions, 'env' | 'cwd' | 'uid' | 'gid'> {
  input?: string;
  timeoutMs?: number;
}

/** Runs a command to completion; a process still running after `timeoutMs` is killed and the promise rejects. */
export function runProcess(command: string, args: string[], options: RunOptions = {}): Promise<ProcessResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env, cwd: options.cwd, uid: options.uid, gid: options.gid, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} did not finish within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin!.end(options.input ?? '');
  });
}

/** `relaydesk <args> --data-dir <dir>` with the built CLI. */
export function runCli(dataDir: string, args: string[], options: RunOptions = {}): Promise<ProcessResult> {
  return runProcess(process.execPath, [CLI_PATH, ...args, '--data-dir', dataDir], options);
}

/** Parses the CLI's --json stdout, failing with the whole output when it is not JSON. */
export function jsonOf<T>(result: ProcessResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${result.code}):\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  }
}

export interface StreamingProcess {
  child: ChildProcess;
  /** Resolves with the first stdout line matching `predicate` (lines seen earlier count too). */
  waitForLine(predicate: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  lines(): string[];
  stop(): Promise<void>;
}

/** A long-running CLI command (`sessions tail`), read line by line. */
export function streamCli(dataDir: string, args: string[]): StreamingProcess {
  const child = spawn(process.execPath, [CLI_PATH, ...args, '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const seen: string[] = [];
  let stderr = '';
  const listeners = new Set<(line: string) => void>();
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    seen.push(line);
    for (const listener of listeners) listener(line);
  });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return {
    child,
    lines: () => [...seen],
    waitForLine(predicate, timeoutMs = 10_000) {
      const found = seen.find(predicate);
      if (found !== undefined) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no matching line within ${timeoutMs} ms; stdout:\n${seen.join('\n')}\nstderr:\n${stderr}`));
        }, timeoutMs);
        const check = (line: string) => {
          if (!predicate(line)) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve(line);
        };
        listeners.add(check);
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    },
  };
}
