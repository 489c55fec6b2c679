// One engine per data directory: the lock names its holder, refuses a second engine
// (in another process or this one) and takes over a lock its holder left by dying.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock, lockHolder } from '../../../engine/store/index';
import { ConflictError } from '../../../engine/shared/errors';
import { removeTempDirs, tempDir } from '../../support/temp-dir';

afterAll(() => removeTempDirs());

const LOCK = 'engine.lock';
/** The pid of a process that has exited, so certainly not alive. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('data directory lock', () => {
  it('writes the holder\'s pid and removes the file on release', () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir);
    expect(readFileSync(join(dir, LOCK), 'utf8')).toBe(String(process.pid));
    expect(lockHolder(dir)).toBe(process.pid);
    lock.release();
    expect(existsSync(join(dir, LOCK))).toBe(false);
    expect(lockHolder(dir)).toBeNull();
  });

  it('refuses a second lock while the first is held, in this process too', () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir);
    expect(() => acquireDataDirLock(dir)).toThrow(ConflictError);
    expect(() => acquireDataDirLock(dir)).toThrow(`Another Relaydesk (pid ${process.pid}) is using the data directory ${dir}. ` +
      'Stop it first, or choose another directory with --data-dir.');
    lock.release();
    acquireDataDirLock(dir).release();
  });

  it('refuses a lock held by another live process', () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK), String(process.ppid));
    expect(() => acquireDataDirLock(dir)).toThrow(new RegExp(`^Another Relaydesk \\(pid ${process.ppid}\\)`));
  });

  it.each([
    ['a process that died', () => String(deadPid())],
    ['this process, from before a restart that reused its pid', () => String(process.pid)],
    ['garbage', () => 'not a pid'],
  ])('takes over a lock left by %s', (_what, content) => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK), content());
    const lock = acquireDataDirLock(dir);
    expect(readFileSync(join(dir, LOCK), 'utf8')).toBe(String(process.pid));
    lock.release();
  });
});
