// Decides whether an IPC message comes from the app's own console page: the top frame
// showing exactly the bundled index.html, never an iframe or a page navigated elsewhere.

/** The parts of Electron's WebFrameMain the check reads. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: SenderFrame | null;
}

export type SenderCheck = (frame: SenderFrame | null) => boolean;

/** `appUrl` is the file:// URL the window loads; the hash (client-side state) may differ. */
export function createSenderCheck(appUrl: string): SenderCheck {
  const expected = documentUrl(appUrl);
  if (expected === null) throw new Error(`Not a URL: ${appUrl}`);
  // senderFrame is null once the frame navigated or died: its messages are stale.
  return (frame) => frame !== null && frame.parent === null && documentUrl(frame.url) === expected;
}

function documentUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    parsed.search = '';
    return parsed.href;
  } catch {
    return null;
  }
}
