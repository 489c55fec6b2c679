// Main's answer to the window's host-level requests (relay:desktop): attach to a remote
// relay, or detach and use the app's own engine. Only the app's own page may ask.
import type { EngineLog } from '../engine/index';
import { DESKTOP_CHANNEL, type AttachResult, type DesktopRequest } from './relay-channels';
import type { SenderCheck, SenderFrame } from './sender-check';

export interface DesktopIpcMain {
  handle(channel: string, listener: (event: { senderFrame: SenderFrame | null }, request: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface DesktopActions {
  attach(url: string, token: string): Promise<AttachResult>;
  detach(): Promise<void>;
}

function parseRequest(request: unknown): DesktopRequest | null {
  const candidate = request as Partial<Record<'type' | 'url' | 'token', unknown>> | null;
  if (candidate?.type === 'detach') return { type: 'detach' };
  if (candidate?.type === 'attach' && typeof candidate.url === 'string' && typeof candidate.token === 'string'
    && candidate.url.length <= 2048 && candidate.token.length <= 512) {
    return { type: 'attach', url: candidate.url, token: candidate.token };
  }
  return null;
}

export function attachDesktopIpc(ipcMain: DesktopIpcMain, isTrustedSender: SenderCheck, actions: DesktopActions, log: EngineLog): () => void {
  ipcMain.handle(DESKTOP_CHANNEL, async (event, request) => {
    if (!isTrustedSender(event.senderFrame)) {
      log('warn', 'ignored a desktop request from an untrusted sender', { url: event.senderFrame?.url ?? null });
      return { ok: false, message: 'Not allowed from this page.' } satisfies AttachResult;
    }
    const parsed = parseRequest(request);
    if (!parsed) return { ok: false, message: 'Malformed request.' } satisfies AttachResult;
    if (parsed.type === 'detach') return actions.detach();
    return actions.attach(parsed.url, parsed.token);
  });
  return () => ipcMain.removeHandler(DESKTOP_CHANNEL);
}
