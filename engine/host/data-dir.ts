// Where Relaydesk keeps its data by default, per platform conventions.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.RELAYDESK_DATA_DIR) return env.RELAYDESK_DATA_DIR;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Relaydesk');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Relaydesk');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'relaydesk');
}
