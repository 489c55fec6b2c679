// Attach and detach requests: only from the app's own page, only well-formed.
import { describe, expect, it, vi } from 'vitest';
import type { EngineLog } from '../../../engine/index';
import { attachDesktopIpc, type DesktopIpcMain } from '../../../main/desktop-ipc';
import { DESKTOP_CHANNEL } from '../../../main/relay-channels';
import { createSenderCheck } from '../../../main/sender-check';
import { APP_FRAME, APP_URL } from './electron-stand-ins';

function setUp() {
  let handler: Parameters<DesktopIpcMain['handle']>[1] | null = null;
  const ipcMain: DesktopIpcMain = { handle: (channel, listener) => { if (channel === DESKTOP_CHANNEL) handler = listener; }, removeHandler: () => { handler = null; } };
  const actions = { attach: vi.fn(async () => ({ ok: true as const, isRelaunching: true })), detach: vi.fn(async () => undefined) };
  const stop = attachDesktopIpc(ipcMain, createSenderCheck(APP_URL), actions, vi.fn<EngineLog>());
  return { actions, stop, ask: (frame: typeof APP_FRAME | null, request: unknown) => handler!({ senderFrame: frame }, request), isHandled: () => handler !== null };
}

describe('desktop requests', () => {
  it('passes attach and detach from the app page to the actions', async () => {
    const { actions, ask } = setUp();
    await expect(ask(APP_FRAME, { type: 'attach', url: 'http://r:8025', token: 't' })).resolves.toEqual({ ok: true, isRelaunching: true });
    expect(actions.attach).toHaveBeenCalledWith('http://r:8025', 't');
    await ask(APP_FRAME, { type: 'detach' });
    expect(actions.detach).toHaveBeenCalled();
  });

  it('refuses other pages and malformed requests', async () => {
    const { actions, ask, stop, isHandled } = setUp();
    await expect(ask({ url: 'https://evil.example/', parent: null }, { type: 'detach' })).resolves.toMatchObject({ ok: false });
    await expect(ask({ url: APP_URL, parent: APP_FRAME }, { type: 'detach' })).resolves.toMatchObject({ ok: false });
    await expect(ask(APP_FRAME, { type: 'attach', url: 7 })).resolves.toMatchObject({ ok: false, message: 'Malformed request.' });
    expect(actions.attach).not.toHaveBeenCalled();
    expect(actions.detach).not.toHaveBeenCalled();
    stop();
    expect(isHandled()).toBe(false);
  });
});
