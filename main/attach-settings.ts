// Which remote relay the desktop app is attached to, kept in the app's userData: the URL,
// and the token sealed with the OS keychain (Electron safeStorage). Where no keychain is
// available the token is kept like the headless host keeps its own: a file only this
// user can read (0600), and the file says so.
import { join } from 'node:path';

export const ATTACH_FILE = 'remote-relay.json';

export interface Attachment {
  url: string;
  token: string;
}

/** The parts of Electron's safeStorage used here. */
export interface SecretBox {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

export interface SettingsFiles {
  read(path: string): string | null;
  /** Written with this mode (0600), replacing the file. */
  write(path: string, text: string, mode: number): void;
  remove(path: string): void;
}

interface StoredAttachment {
  url: string;
  token: { sealed: string } | { plain: string };
}

/**
 * A relay console URL as typed by the operator, reduced to its origin
 * (http://host:port); the socket path is the app's to add.
 */
export function normalizeRelayUrl(text: string): { ok: true; url: string } | { ok: false; message: string } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, message: `"${text}" is not a URL; use the console address relaydesk serve prints, e.g. http://relay.office.lan:8025.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, message: 'The relay console URL starts with http:// or https://.' };
  if (url.username || url.password) return { ok: false, message: 'Put the access token in its own field, not in the URL.' };
  return { ok: true, url: url.origin };
}

export function loadAttachment(dir: string, box: SecretBox, files: SettingsFiles): Attachment | null {
  const text = files.read(join(dir, ATTACH_FILE));
  if (text === null) return null;
  try {
    const stored = JSON.parse(text) as StoredAttachment;
    const url = normalizeRelayUrl(stored.url);
    if (!url.ok) return null;
    const token = 'sealed' in stored.token ? box.decryptString(Buffer.from(stored.token.sealed, 'base64')) : stored.token.plain;
    return typeof token === 'string' && token ? { url: url.url, token } : null;
  } catch {
    // Unreadable (edited by hand, or sealed by another user's keychain): start local.
    return null;
  }
}

export function saveAttachment(dir: string, attachment: Attachment, box: SecretBox, files: SettingsFiles): void {
  const token = box.isEncryptionAvailable()
    ? { sealed: box.encryptString(attachment.token).toString('base64') }
    : { plain: attachment.token };
  const stored: StoredAttachment = { url: attachment.url, token };
  files.write(join(dir, ATTACH_FILE), `${JSON.stringify(stored, null, 2)}\n`, 0o600);
}

export function clearAttachment(dir: string, files: SettingsFiles): void {
  files.remove(join(dir, ATTACH_FILE));
}
