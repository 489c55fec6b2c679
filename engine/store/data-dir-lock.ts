// One engine per data directory: two would lease and deliver the same recipients.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConflictError } from '../shared/errors';

export const LOCK_FILE = 'engine.lock';

// A lock file naming this very process is normally stale (pids repeat across restarts,
// e.g. pid 1 in a container); it is ours only while this process holds it.
const heldByThisProcess = new Set<string>();

export interface DataDirLock {
  release(): void;
}

/** The pid holding the lock, if that process is still alive. */
export function lockHolder(dataDir: string): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(join(dataDir, LOCK_FILE), 'utf8').trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: alive but owned by someone else, still a holder.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  const key = resolve(dataDir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldByThisProcess.add(key);
      return {
        release: () => {
          heldByThisProcess.delete(key);
          rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = lockHolder(dataDir);
      if (holder !== null && (holder !== process.pid || heldByThisProcess.has(key))) {
        throw new ConflictError(
          `Another Relaydesk (pid ${holder}) is using the data directory ${dataDir}. ` +
            'Stop it first, or choose another directory with --data-dir.',
          { pid: holder, dataDir },
        );
      }
      rmSync(path, { force: true }); // left behind by a process that died
    }
  }
  throw new ConflictError(`Could not lock the data directory ${dataDir}.`, { dataDir });
}
