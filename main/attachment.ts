// Attaching the desktop app to a remote relay and detaching from it: check the relay
// accepts the token before anything is stored, then either reconnect (a new token for the
// same relay) or relaunch (switching between the app's own engine and a remote one, since
// the own engine must stop or start with the app).
import { clearAttachment, normalizeRelayUrl, saveAttachment, type SecretBox, type SettingsFiles } from './attach-settings';
import type { DesktopActions } from './desktop-ipc';
import { probeRemote, type OpenLinkSocket } from './remote-link';
import type { RemoteFrameServer } from './remote-frames';

export interface AttachmentDeps {
  userData: string;
  box: SecretBox;
  files: SettingsFiles;
  openSocket: OpenLinkSocket;
  /** What this run of the app is connected to. */
  current: { mode: 'local' } | { mode: 'remote'; url: string; server: RemoteFrameServer };
  /** Restarts the app (after the reply reached the window). */
  relaunch(): void;
}

export function attachmentActions(deps: AttachmentDeps): DesktopActions {
  return {
    async attach(urlText, tokenText) {
      const url = normalizeRelayUrl(urlText);
      if (!url.ok) return url;
      const token = tokenText.trim();
      if (!token) return { ok: false, message: 'Paste the relay\'s access token.' };
      const probe = await probeRemote(url.url, token, deps.openSocket);
      if (!probe.ok) return probe;
      saveAttachment(deps.userData, { url: url.url, token }, deps.box, deps.files);
      if (deps.current.mode === 'remote' && deps.current.url === url.url) {
        deps.current.server.setToken(token);
        return { ok: true, isRelaunching: false };
      }
      deps.relaunch();
      return { ok: true, isRelaunching: true };
    },
    async detach() {
      clearAttachment(deps.userData, deps.files);
      deps.relaunch();
    },
  };
}
