// Where the desktop app finds better-sqlite3 built for Electron, and how a build is
// checked against the ABI it targets without loading it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isBuiltForAbi,
  NATIVE_BINDING_ENV,
  NATIVE_BINDING_FILE,
  nativeBindingDir,
  resolveNativeBinding,
  type NativeTarget,
} from '../../../main/native-binding';

const target: NativeTarget = { abi: '150', platform: 'linux', arch: 'x64', version: '12.11.1' };
const appRoot = '/opt/relaydesk';
const built = join(appRoot, 'out/native/better-sqlite3-12.11.1-electron-abi150-linux-x64', NATIVE_BINDING_FILE);

function existing(...paths: string[]): (path: string) => boolean {
  return (path) => paths.includes(path);
}

describe('resolveNativeBinding', () => {
  it('uses the build in out/native for this ABI, platform, arch and version', () => {
    expect(resolveNativeBinding({ appRoot, target, env: {}, exists: existing(built) })).toEqual({ ok: true, path: built, source: 'build' });
  });

  it('prefers an explicit RELAYDESK_SQLITE_BINDING', () => {
    const explicit = '/srv/addons/better_sqlite3.node';
    const env = { [NATIVE_BINDING_ENV]: explicit };
    expect(resolveNativeBinding({ appRoot, target, env, exists: existing(explicit, built) })).toEqual({ ok: true, path: explicit, source: 'env' });
  });

  it('says so when the explicit path does not exist, rather than falling back silently', () => {
    const env = { [NATIVE_BINDING_ENV]: '/nowhere/better_sqlite3.node' };
    const resolution = resolveNativeBinding({ appRoot, target, env, exists: existing(built) });
    expect(resolution).toEqual({ ok: false, message: expect.stringContaining('/nowhere/better_sqlite3.node') });
  });

  it('explains how to build the module when it is missing', () => {
    const resolution = resolveNativeBinding({ appRoot, target, env: {}, exists: existing() });
    expect(resolution.ok).toBe(false);
    if (resolution.ok) return;
    expect(resolution.message).toContain('npm run build:native');
    expect(resolution.message).toContain(built);
    expect(resolution.message).toContain('ABI 150');
  });

  it('never uses node_modules, whose build is for Node and would fail to load in Electron', () => {
    const nodeBuild = join(appRoot, 'node_modules/better-sqlite3/build/Release', NATIVE_BINDING_FILE);
    expect(resolveNativeBinding({ appRoot, target, env: {}, exists: existing(nodeBuild) }).ok).toBe(false);
  });

  it('keeps builds for different runtimes and versions apart', () => {
    const dirs = new Set([
      nativeBindingDir(appRoot, target),
      nativeBindingDir(appRoot, { ...target, abi: '145' }),
      nativeBindingDir(appRoot, { ...target, arch: 'arm64' }),
      nativeBindingDir(appRoot, { ...target, version: '12.12.0' }),
    ]);
    expect(dirs.size).toBe(4);
  });
});

describe('isBuiltForAbi', () => {
  const nodeBuild = readFileSync(join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build/Release', NATIVE_BINDING_FILE));

  it('recognises the ABI of a real addon: the Node build in node_modules', () => {
    expect(isBuiltForAbi(nodeBuild, process.versions.modules)).toBe(true);
    expect(isBuiltForAbi(nodeBuild, '150')).toBe(false);
  });

  it('does not take an ABI for a longer one that starts with it', () => {
    expect(isBuiltForAbi(Buffer.from('..node_register_module_v1150\0..'), '115')).toBe(false);
    expect(isBuiltForAbi(Buffer.from('..node_register_module_v150\0..'), '150')).toBe(true);
  });
});
