// The desktop app's second, host-level bridge (preload: window.relayDesktop): whether
// this window reaches the app's own engine or a remote headless relay, the remote link's
// state, and attaching to (or detaching from) a remote relay. The token never comes back
// to the page: main keeps it, encrypted with the OS keychain.

/** The remote link as main sees it; mirrors main/relay-channels.ts. */
export type DesktopLinkState =
  | { kind: 'connecting' }
  | { kind: 'open' }
  | { kind: 'reconnecting'; attempt: number; retryAt: number }
  | { kind: 'rejected'; message: string };

export type DesktopMode = { mode: 'local' } | { mode: 'remote'; url: string };

export type AttachResult = { ok: true; isRelaunching: boolean } | { ok: false; message: string };

export interface DesktopBridge {
  /** Known at page load (main passes it to the window when creating it). */
  readonly mode: DesktopMode;
  onLinkState(listener: (state: DesktopLinkState) => void): () => void;
  /** Checks the relay answers with this token, stores both, and switches (relaunching from local mode). */
  attach(url: string, token: string): Promise<AttachResult>;
  /** Forgets the remote relay and relaunches with the app's own engine. */
  detach(): Promise<void>;
}

declare global {
  interface Window {
    /** Exposed by the desktop preload; absent in a browser. */
    readonly relayDesktop?: DesktopBridge;
  }
}
