// `npm run build:native`: builds better-sqlite3 for Electron's ABI into out/native/
// (where main/native-binding.ts looks), leaving node_modules built for Node so the
// tests and the CLI keep working. Tries the project's prebuilt binary (prebuild-install)
// first, then compiles against Electron's headers (node-gyp); both need the network once.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { isBuiltForAbi, NATIVE_BINDING_ENV, NATIVE_BINDING_FILE, nativeBindingDir, type NativeTarget } from '../native-binding';

const root = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

function packageVersion(dir: string): string {
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

const electronDir = packageDir('electron');
const electronVersion = packageVersion(electronDir);
const sqliteDir = packageDir('better-sqlite3');
const target: NativeTarget = {
  // Shipped in the electron package, so no Electron binary is needed to know it.
  abi: readFileSync(join(electronDir, 'abi_version'), 'utf8').trim(),
  platform: process.platform,
  arch: process.arch,
  version: packageVersion(sqliteDir),
};
const output = join(nativeBindingDir(root, target), NATIVE_BINDING_FILE);

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): boolean {
  try {
    execFileSync(command, args, { cwd, stdio: 'inherit', env });
    return true;
  } catch {
    return false;
  }
}

/** Builds into `staging` (a copy of the package sources); returns the reason on failure. */
function buildInto(staging: string): string | null {
  const common = [`--target=${electronVersion}`, `--arch=${target.arch}`];
  const prebuildInstall = require.resolve('prebuild-install/bin.js');
  if (run(process.execPath, [prebuildInstall, '--runtime=electron', `--platform=${target.platform}`, ...common], staging)) return null;
  console.log(`No prebuilt better-sqlite3 ${target.version} for Electron ${electronVersion}; compiling against Electron's headers.`);
  // npm sets npm_config_node_gyp to its bundled node-gyp when it runs a script. It also
  // passes its nodedir (Debian's npm defaults it to /usr): that would compile against
  // Node's headers instead of Electron's, so it is dropped.
  const { npm_config_node_gyp: nodeGyp, npm_config_nodedir: _nodeHeaders, ...env } = process.env;
  const [command, prefix] = nodeGyp ? [process.execPath, [nodeGyp]] : ['node-gyp', []];
  const args = [...prefix, 'rebuild', '--release', '--runtime=electron', '--dist-url=https://electronjs.org/headers', ...common];
  return run(command, args, staging, env)
    ? null
    : 'compiling needs python3, make, a C++ compiler and network access to electronjs.org for the headers.';
}

if (process.env[NATIVE_BINDING_ENV]) {
  console.log(`${NATIVE_BINDING_ENV} is set; the app uses ${process.env[NATIVE_BINDING_ENV]} and nothing is built.`);
} else if (existsSync(output) && isBuiltForAbi(readFileSync(output), target.abi)) {
  console.log(`better-sqlite3 for Electron ${electronVersion} is up to date: ${output}`);
} else {
  // A private copy of the package sources: both tools write build/ in their working
  // directory, and node_modules/better-sqlite3/build must stay the Node build.
  const staging = join(root, 'out', 'native', `.staging-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    for (const entry of ['package.json', 'binding.gyp', 'src', 'deps']) {
      cpSync(join(sqliteDir, entry), join(staging, entry), { recursive: true });
    }
    const failure = buildInto(staging);
    const built = join(staging, 'build', 'Release', NATIVE_BINDING_FILE);
    if (failure) throw new Error(failure);
    if (!existsSync(built) || !isBuiltForAbi(readFileSync(built), target.abi)) {
      throw new Error(`${built} is missing or not built for Electron's ABI ${target.abi}.`);
    }
    mkdirSync(dirname(output), { recursive: true });
    copyFileSync(built, output);
    console.log(`Built better-sqlite3 ${target.version} for Electron ${electronVersion} (ABI ${target.abi}): ${output}`);
  } catch (error) {
    console.error(`Building better-sqlite3 for Electron ${electronVersion} failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
