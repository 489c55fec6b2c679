// Electron main: app lifecycle and wiring. The only file that imports Electron at run
// time; the logic lives in modules that take Electron objects as parameters.
//
// Two ways to run: with the app's own engine (the default), or attached to a remote
// headless relay (Settings → Relay). Attached, no engine starts here: each window's
// contract frames go over a WebSocket that main keeps to the remote relay
// (remote-frames.ts), so the renderer still uses window.relay, the token stays in main
// (sealed with safeStorage), and the remote's browser Origin check does not apply.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, nativeTheme, Notification, safeStorage, screen, session, shell, Tray, type NativeImage } from 'electron';
import type { ApiClient } from '../engine/api/contract';
import type { EngineLog } from '../engine/index';
import { defaultDataDir } from '../engine/host/data-dir';
import { watchAlerts } from './alert-notifier';
import { loadAttachment } from './attach-settings';
import { attachmentActions, type AttachmentDeps } from './attachment';
import { startDesktopHost } from './desktop-host';
import { attachDesktopIpc } from './desktop-ipc';
import { resolveNativeBinding } from './native-binding';
import { nodeFiles } from './node-files';
import { REMOTE_ARGUMENT_PREFIX, type LinkState } from './relay-channels';
import { attachRelayIpc, type FrameServer } from './relay-ipc';
import { createRemoteFrameServer, remoteClient } from './remote-frames';
import { createSenderCheck } from './sender-check';
import { describeStartupFailure, nativeModuleProblem, type StartupProblem } from './startup-problems';
import { startTray, type TrayController } from './tray';
import { trayIconPixels } from './tray-icon';
import { stopBeforeQuit } from './quit-guard';
import { MINIMUM_SIZE, placementFrom, rememberPlacement, WINDOW_STATE_FILE } from './window-state';
import { hardenSession, hardenWindow, SECURE_WEB_PREFERENCES } from './window-hardening';
import { openWsSocket } from './ws-socket';

const RENDERER_DIR = join(import.meta.dirname, '../renderer');
const RENDERER_INDEX = join(RENDERER_DIR, 'index.html');
const PRELOAD = join(import.meta.dirname, '../preload/index.cjs');
const TRAY_ICON_PX = 32;

const log: EngineLog = (level, message, details) => {
  const line = `${new Date().toISOString()} ${level} ${message}${details ? ` ${JSON.stringify(details)}` : ''}`;
  if (level === 'info') console.log(line);
  else console.error(line);
};

interface Backend {
  api: FrameServer;
  client: ApiClient;
  remoteUrl: string | null;
  /** The remote link's latest state (the tray may start after it changed); null when local. */
  link(): LinkState | null;
  current: AttachmentDeps['current'];
  stop(): Promise<void>;
}

let backend: Backend | null = null;
let mainWindow: BrowserWindow | null = null;
let tray: TrayController | null = null;
let isQuitting = false;

function createWindow(remoteUrl: string | null): BrowserWindow {
  const stateFile = join(app.getPath('userData'), WINDOW_STATE_FILE);
  const placement = placementFrom(nodeFiles.read(stateFile), screen.getAllDisplays().map((display) => display.workArea));
  const window = new BrowserWindow({
    width: placement.width,
    height: placement.height,
    ...(placement.x !== undefined && placement.y !== undefined ? { x: placement.x, y: placement.y } : {}),
    minWidth: MINIMUM_SIZE.width,
    minHeight: MINIMUM_SIZE.height,
    show: false,
    title: 'Relaydesk',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#0f1217' : '#f4f5f7',
    webPreferences: {
      ...SECURE_WEB_PREFERENCES,
      preload: PRELOAD,
      additionalArguments: remoteUrl ? [`${REMOTE_ARGUMENT_PREFIX}${remoteUrl}`] : [],
    },
  });
  if (placement.isMaximized) window.maximize();
  rememberPlacement(window, (text) => nodeFiles.write(stateFile, text, 0o600), { set: setTimeout, clear: (handle) => clearTimeout(handle as NodeJS.Timeout) });
  hardenWindow(window.webContents, { openExternal: (url) => void shell.openExternal(url), log });
  window.once('ready-to-show', () => window.show());
  // With a tray, closing the window leaves the relay running; Quit is in the tray menu.
  window.on('close', (event) => {
    if (tray && !isQuitting) {
      event.preventDefault();
      window.hide();
    }
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadFile(RENDERER_INDEX);
  return window;
}

function showWindow(): void {
  if (!backend) return;
  mainWindow ??= createWindow(backend.remoteUrl);
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function betterSqlite3Version(): string {
  return (createRequire(import.meta.url)('better-sqlite3/package.json') as { version: string }).version;
}

function fail(problem: StartupProblem): void {
  dialog.showErrorBox(problem.title, problem.message);
  app.exit(1);
}

async function startLocal(): Promise<Backend | null> {
  const binding = resolveNativeBinding({
    appRoot: app.getAppPath(),
    target: { abi: process.versions.modules, platform: process.platform, arch: process.arch, version: betterSqlite3Version() },
    env: process.env,
    exists: existsSync,
  });
  if (!binding.ok) {
    fail(nativeModuleProblem(binding.message));
    return null;
  }
  const dataDir = defaultDataDir();
  const started = await startDesktopHost({ dataDir, version: app.getVersion(), nativeBinding: binding.path, consoleDir: RENDERER_DIR, pid: process.pid, log });
  if (!started.ok) {
    fail(started.problem);
    return null;
  }
  const host = started.host;
  if (host.controlProblem) void dialog.showMessageBox({ type: 'warning', message: 'The relay runs, but its console endpoint is not available', detail: host.controlProblem });
  log('info', 'Relaydesk desktop is running', { dataDir, console: host.control?.url ?? null });
  return { api: host.engine.api, client: host.engine.client, remoteUrl: null, link: () => null, current: { mode: 'local' }, stop: () => host.stop() };
}

function startRemote(url: string, token: string): Backend {
  const server = createRemoteFrameServer({ url, token, openSocket: openWsSocket });
  let link: LinkState = { kind: 'connecting' };
  const own = remoteClient(server, (state) => {
    link = state;
    tray?.setLink(state);
  });
  log('info', 'Relaydesk desktop is attached to a remote relay', { url });
  return {
    api: server,
    client: own.client,
    remoteUrl: url,
    link: () => link,
    current: { mode: 'remote', url, server },
    async stop() {
      own.close();
      server.close();
    },
  };
}

function createTray(client: ApiClient, remoteUrl: string | null): TrayController | null {
  try {
    return startTray<NativeImage, Menu>(client, {
      createTray: (image) => new Tray(image),
      image: (level) => nativeImage.createFromBitmap(trayIconPixels(level, TRAY_ICON_PX), { width: TRAY_ICON_PX, height: TRAY_ICON_PX, scaleFactor: 2 }),
      menu: (entries) => Menu.buildFromTemplate(entries.map((entry) => ({ label: entry.label, enabled: entry.isEnabled, click: entry.click }))),
      open: showWindow,
      quit: () => app.quit(),
    }, remoteUrl);
  } catch (error) {
    // Some Linux desktops have no tray; the app works without it (closing the window quits).
    log('warn', 'no tray icon', { error: String(error) });
    return null;
  }
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  const userData = app.getPath('userData');
  const attachment = loadAttachment(userData, safeStorage, nodeFiles);
  const running = attachment ? startRemote(attachment.url, attachment.token) : await startLocal();
  if (!running) return;
  backend = running;
  const isTrustedSender = createSenderCheck(pathToFileURL(RENDERER_INDEX).href);
  const ipc = attachRelayIpc(ipcMain, running.api, isTrustedSender, log);
  const detachDesktop = attachDesktopIpc(ipcMain, isTrustedSender, attachmentActions({
    userData,
    box: safeStorage,
    files: nodeFiles,
    openSocket: openWsSocket,
    current: running.current,
    // After the reply has reached the window, so it can say what happens.
    relaunch: () => setTimeout(() => {
      app.relaunch();
      app.quit();
    }, 750),
  }), log);
  tray = createTray(running.client, running.remoteUrl);
  const link = running.link();
  if (link) tray?.setLink(link);
  const stopAlerts = watchAlerts(running.client, (notification) => {
    if (Notification.isSupported()) new Notification(notification).show();
  });
  stopBeforeQuit(app, async () => {
    stopAlerts();
    tray?.stop();
    detachDesktop();
    ipc.detach();
    await running.stop();
  }, log);
  mainWindow = createWindow(running.remoteUrl);
}

// A second launch focuses the first: two engines cannot share the data directory.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', showWindow);
  app.on('before-quit', () => {
    isQuitting = true;
  });
  // Without a tray, closing the last window quits (except on macOS, where apps stay).
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin' && !tray) app.quit();
  });
  app.on('activate', showWindow);
  // Ctrl-C in the terminal that ran `npm start` stops as gracefully as Quit does.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());
  app.whenReady().then(start).catch((error: unknown) => fail(describeStartupFailure(error, defaultDataDir())));
}
