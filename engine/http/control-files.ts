// Files in the data directory that let clients find and open a running engine: the
// access token (0600) and control.json with the endpoint of the live host.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TOKEN_FILE = 'control-token';
export const CONTROL_FILE = 'control.json';

export interface ControlInfo {
  url: string;
  pid: number;
  startedAt: number;
  /** Which host wrote it: the headless `relaydesk serve` or the desktop app. */
  host: 'headless' | 'desktop';
}

/** The access token, created on first use and kept private to the user. */
export function loadOrCreateToken(dataDir: string): string {
  const path = join(dataDir, TOKEN_FILE);
  if (existsSync(path)) {
    const token = readFileSync(path, 'utf8').trim();
    if (token.length >= 32) return token;
  }
  const token = randomBytes(32).toString('base64url');
  writeFileSync(path, `${token}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return token;
}

/** The token of an existing data directory; null when none was ever created. */
export function readToken(dataDir: string): string | null {
  try {
    return readFileSync(join(dataDir, TOKEN_FILE), 'utf8').trim() || null;
  } catch {
    return null;
  }
}

export function writeControlInfo(dataDir: string, info: ControlInfo): void {
  writeFileSync(join(dataDir, CONTROL_FILE), `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
}

export function readControlInfo(dataDir: string): ControlInfo | null {
  try {
    return JSON.parse(readFileSync(join(dataDir, CONTROL_FILE), 'utf8')) as ControlInfo;
  } catch {
    return null;
  }
}

export function removeControlInfo(dataDir: string): void {
  rmSync(join(dataDir, CONTROL_FILE), { force: true });
}
