// Finds the better-sqlite3 addon built for Electron's ABI. node_modules keeps the build
// for Node (tests, CLI); the Electron build lives apart in out/native/ (npm run build:native).
import { join } from 'node:path';

export const NATIVE_BINDING_FILE = 'better_sqlite3.node';
/** Points at a prebuilt addon explicitly, e.g. for a packaged app or a custom build. */
export const NATIVE_BINDING_ENV = 'RELAYDESK_SQLITE_BINDING';

export interface NativeTarget {
  /** Electron's NODE_MODULE_VERSION (process.versions.modules in the main process). */
  abi: string;
  platform: string;
  arch: string;
  /** The installed better-sqlite3 version: its JS and its addon must match. */
  version: string;
}

/** The directory of the addon for one runtime, so builds for several never overwrite each other. */
export function nativeBindingDir(appRoot: string, target: NativeTarget): string {
  return join(appRoot, 'out', 'native', `better-sqlite3-${target.version}-electron-abi${target.abi}-${target.platform}-${target.arch}`);
}

export interface ResolveNativeBindingOptions {
  appRoot: string;
  target: NativeTarget;
  env: Record<string, string | undefined>;
  exists(path: string): boolean;
}

export type NativeBindingResolution =
  | { ok: true; path: string; source: 'env' | 'build' }
  | { ok: false; message: string };

export function resolveNativeBinding({ appRoot, target, env, exists }: ResolveNativeBindingOptions): NativeBindingResolution {
  const fromEnv = env[NATIVE_BINDING_ENV];
  if (fromEnv) {
    return exists(fromEnv)
      ? { ok: true, path: fromEnv, source: 'env' }
      : { ok: false, message: `${NATIVE_BINDING_ENV} points at ${fromEnv}, which does not exist.` };
  }
  const built = join(nativeBindingDir(appRoot, target), NATIVE_BINDING_FILE);
  if (exists(built)) return { ok: true, path: built, source: 'build' };
  return {
    ok: false,
    message:
      `The SQLite module (better-sqlite3 ${target.version}) is not built for this Electron ` +
      `(ABI ${target.abi}, ${target.platform}-${target.arch}); expected ${built}. ` +
      `Run \`npm run build:native\` in the Relaydesk checkout (npm start does this), or set ${NATIVE_BINDING_ENV}.`,
  };
}

/**
 * Whether an addon's bytes export Node's registration symbol for `abi`
 * (node_register_module_v<ABI>): a cheap check, without loading it, that a download or
 * build targets the runtime it is meant for.
 */
export function isBuiltForAbi(addon: Buffer, abi: string): boolean {
  return addon.includes(`node_register_module_v${abi}\0`);
}
