// The console window cannot be navigated away from the bundled page, opens no windows,
// hands only http(s) links to the OS browser, and grants no permissions.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { EngineLog } from '../../../engine/index';
import {
  hardenSession,
  hardenWindow,
  isExternalWebUrl,
  SECURE_WEB_PREFERENCES,
  type HardenableContents,
  type HardenableSession,
} from '../../../main/window-hardening';

type OpenHandler = Parameters<HardenableContents['setWindowOpenHandler']>[0];

class StandInContents extends EventEmitter implements HardenableContents {
  openHandler: OpenHandler | null = null;

  setWindowOpenHandler(handler: OpenHandler): void {
    this.openHandler = handler;
  }

  /** What Electron does when the page navigates: emits will-navigate with a preventable event. */
  navigate(url: string): boolean {
    let isPrevented = false;
    this.emit('will-navigate', { preventDefault: () => (isPrevented = true) }, url);
    return isPrevented;
  }
}

function hardened() {
  const contents = new StandInContents();
  const openExternal = vi.fn<(url: string) => void>();
  const log = vi.fn<EngineLog>();
  hardenWindow(contents, { openExternal, log });
  return { contents, openExternal, log };
}

describe('hardenWindow', () => {
  it('blocks every navigation away from the page', () => {
    const { contents, log } = hardened();
    for (const url of ['https://example.test/', 'file:///etc/passwd', 'http://127.0.0.1:8025/', 'javascript:alert(1)']) {
      expect(contents.navigate(url)).toBe(true);
    }
    expect(log).toHaveBeenCalledWith('warn', 'blocked a navigation away from the console', { url: 'https://example.test/' });
  });

  it('denies window.open, handing http(s) links to the OS browser', () => {
    const { contents, openExternal } = hardened();
    expect(contents.openHandler?.({ url: 'https://docs.example.test/relaydesk' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'http://intranet.test/' })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://docs.example.test/relaydesk'], ['http://intranet.test/']]);
  });

  it('never hands other schemes to the OS, since they can launch local programs', () => {
    const { contents, openExternal, log } = hardened();
    for (const url of ['file:///bin/sh', 'smb://host/share', 'ms-settings:', 'javascript:alert(1)', 'not a url']) {
      expect(contents.openHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(openExternal).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith('warn', 'blocked a new window', { url: 'file:///bin/sh' });
  });
});

describe('window and session settings', () => {
  it('isolates the page: context isolation, sandbox, no Node, web security on', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
    });
  });

  it('refuses every permission request and check', () => {
    let requestHandler: Parameters<HardenableSession['setPermissionRequestHandler']>[0] | null = null;
    let checkHandler: (() => boolean) | null = null;
    hardenSession({
      setPermissionRequestHandler: (handler) => (requestHandler = handler),
      setPermissionCheckHandler: (handler) => (checkHandler = handler),
    });
    const callback = vi.fn<(isGranted: boolean) => void>();
    requestHandler!({}, 'media', callback);
    requestHandler!({}, 'notifications', callback);
    expect(callback.mock.calls).toEqual([[false], [false]]);
    expect(checkHandler!()).toBe(false);
  });

  it('treats only http and https as external web links', () => {
    expect(isExternalWebUrl('https://example.test/')).toBe(true);
    expect(isExternalWebUrl('HTTP://EXAMPLE.TEST/')).toBe(true);
    expect(isExternalWebUrl('mailto:someone@example.test')).toBe(false);
    expect(isExternalWebUrl('/relative')).toBe(false);
  });
});
