// Child-process helpers for bench peers: find Postfix's tools and run one to completion
// under a hard time limit, so no bench step can hang.
import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

// Debian (and most distributions) install Postfix's tools in sbin, which is often not on
// a non-root PATH.
const SBIN_DIRS = ['/usr/sbin', '/usr/local/sbin'];

export async function findBinary(name: string): Promise<string> {
  const pathDirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const dir of [...pathDirs, ...SBIN_DIRS]) {
    const file = join(dir, name);
    try {
      await access(file, constants.X_OK);
      return file;
    } catch {
      // Not here: try the next directory.
    }
  }
  throw new Error(`${name} not found on PATH or in ${SBIN_DIRS.join(', ')}; install Postfix (Debian: apt-get install postfix)`);
}

export interface RunResult {
  /** null when the process was killed (time limit, abort) or could not start. */
  exitCode: number | null;
  isTimedOut: boolean;
  stdout: string;
  stderr: string;
  elapsedMs: number;
}

export interface RunOptions {
  /** The process is SIGKILLed after this long. */
  timeoutMs: number;
  /** Aborting kills the process (Ctrl-C in a bench script). */
  signal?: AbortSignal;
}

/** Never rejects: failures come back as a non-zero or null exitCode with the reason in stderr. */
export function run(file: string, args: string[], options: RunOptions): Promise<RunResult> {
  const startedAt = performance.now();
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { timeout: options.timeoutMs, killSignal: 'SIGKILL', signal: options.signal, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const elapsedMs = performance.now() - startedAt;
        const exitCode = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        const isTimedOut = Boolean(error?.killed) && !options.signal?.aborted;
        // Spawn failures and kills leave stderr empty; keep the reason next to the output.
        const reason = error && exitCode === null ? `\n${isTimedOut ? `killed after ${options.timeoutMs} ms` : error.message}` : '';
        resolve({ exitCode, isTimedOut, stdout, stderr: stderr + reason, elapsedMs });
      },
    );
  });
}

/** The process may exit between the check and the signal; ESRCH then means done. */
export function signalIfAlive(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
