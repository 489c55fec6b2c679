// Electron main: app lifecycle and wiring. The only file that imports Electron at run
// time; the logic lives in modules that take Electron objects as parameters.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, nativeTheme, session, shell } from 'electron';
import type { EngineLog } from '../engine/index';
import { defaultDataDir } from '../engine/host/data-dir';
import { startDesktopHost, type DesktopHost } from './desktop-host';
import { resolveNativeBinding } from './native-binding';
import { attachRelayIpc } from './relay-ipc';
import { createSenderCheck } from './sender-check';
import { describeStartupFailure, nativeModuleProblem, type StartupProblem } from './startup-problems';
import { stopBeforeQuit } from './quit-guard';
import { hardenSession, hardenWindow, SECURE_WEB_PREFERENCES } from './window-hardening';

const RENDERER_DIR = join(import.meta.dirname, '../renderer');
const RENDERER_INDEX = join(RENDERER_DIR, 'index.html');
const PRELOAD = join(import.meta.dirname, '../preload/index.cjs');

const log: EngineLog = (level, message, details) => {
  const line = `${new Date().toISOString()} ${level} ${message}${details ? ` ${JSON.stringify(details)}` : ''}`;
  if (level === 'info') console.log(line);
  else console.error(line);
};

let host: DesktopHost | null = null;
let mainWindow: BrowserWindow | null = null;

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Relaydesk',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#11141a' : '#f5f6f8',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: PRELOAD },
  });
  hardenWindow(window.webContents, { openExternal: (url) => void shell.openExternal(url), log });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadFile(RENDERER_INDEX);
  return window;
}

function betterSqlite3Version(): string {
  return (createRequire(import.meta.url)('better-sqlite3/package.json') as { version: string }).version;
}

function fail(problem: StartupProblem): void {
  dialog.showErrorBox(problem.title, problem.message);
  app.exit(1);
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  const binding = resolveNativeBinding({
    appRoot: app.getAppPath(),
    target: { abi: process.versions.modules, platform: process.platform, arch: process.arch, version: betterSqlite3Version() },
    env: process.env,
    exists: existsSync,
  });
  if (!binding.ok) return fail(nativeModuleProblem(binding.message));
  const dataDir = defaultDataDir();
  const started = await startDesktopHost({
    dataDir,
    version: app.getVersion(),
    nativeBinding: binding.path,
    consoleDir: RENDERER_DIR,
    pid: process.pid,
    log,
  });
  if (!started.ok) return fail(started.problem);
  const running = started.host;
  host = running;
  const ipc = attachRelayIpc(ipcMain, running.engine.api, createSenderCheck(pathToFileURL(RENDERER_INDEX).href), log);
  stopBeforeQuit(app, async () => {
    ipc.detach();
    await running.stop();
  }, log);
  mainWindow = createWindow();
  if (running.controlProblem) {
    void dialog.showMessageBox(mainWindow, {
      type: 'warning',
      message: 'The relay runs, but its console endpoint is not available',
      detail: running.controlProblem,
    });
  }
  log('info', 'Relaydesk desktop is running', { dataDir, console: running.control?.url ?? null });
}

// A second launch focuses the first: two engines cannot share the data directory.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // macOS apps stay running with no window; the relay keeps accepting mail meanwhile.
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (host && !mainWindow) mainWindow = createWindow();
  });
  // Ctrl-C in the terminal that ran `npm start` stops as gracefully as Quit does.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());
  app.whenReady().then(start).catch((error: unknown) => fail(describeStartupFailure(error, defaultDataDir())));
}
