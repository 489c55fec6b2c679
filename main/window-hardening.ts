// Locks down the console window: the web preferences it is created with, no navigation
// away from the bundled page, no new windows, no permission prompts.
import type { EngineLog } from '../engine/index';

/** Every BrowserWindow of the app is created with these (plus its preload path). */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
} as const;

export interface PreventableEvent {
  preventDefault(): void;
}

/** The parts of Electron's WebContents that hardening uses. */
export interface HardenableContents {
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface HardenOptions {
  /** Hands a URL to the OS browser (Electron's shell.openExternal). */
  openExternal(url: string): void;
  log: EngineLog;
}

/** http(s) only: other schemes (file:, smb:, custom handlers) can launch local programs. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

export function hardenWindow(contents: HardenableContents, options: HardenOptions): void {
  // The console is one page; in-page (hash) changes do not fire will-navigate, so any
  // navigation is a link or script trying to replace the privileged page.
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    options.log('warn', 'blocked a navigation away from the console', { url });
  });
  // A link with target=_blank (e.g. documentation) opens in the OS browser, never in an
  // Electron window that would inherit the app's session.
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) options.openExternal(url);
    else options.log('warn', 'blocked a new window', { url });
    return { action: 'deny' };
  });
}

/** The parts of Electron's Session that hardening uses. */
export interface HardenableSession {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (isGranted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: () => boolean): void;
}

/** The console needs no camera, notifications-by-prompt, geolocation or the like. */
export function hardenSession(session: HardenableSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
