// The IPC channels between the console window and main, shared by main and the preload:
// contract frames in (relay:call) and out (relay:event); and, for the desktop host
// itself, the remote link's state (relay:link) and attach/detach requests (relay:desktop).
export const CALL_CHANNEL = 'relay:call';
export const EVENT_CHANNEL = 'relay:event';
export const LINK_CHANNEL = 'relay:link';
export const DESKTOP_CHANNEL = 'relay:desktop';

/** Passed to a window attached to a remote relay, so its preload knows before any frame. */
export const REMOTE_ARGUMENT_PREFIX = '--relaydesk-remote=';

/** A remote relay link as main sees it (renderer/api/desktop-bridge.ts mirrors it). */
export type LinkState =
  | { kind: 'connecting' }
  | { kind: 'open' }
  | { kind: 'reconnecting'; attempt: number; retryAt: number }
  | { kind: 'rejected'; message: string };

export type DesktopRequest = { type: 'attach'; url: string; token: string } | { type: 'detach' };

export type AttachResult = { ok: true; isRelaunching: boolean } | { ok: false; message: string };
