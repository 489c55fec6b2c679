// SettingsFiles on the real file system, for main/index.ts; tests pass a Map instead.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { SettingsFiles } from './attach-settings';

export const nodeFiles: SettingsFiles = {
  read(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return null;
    }
  },
  write(path, text, mode) {
    // Through a temporary file, so a crash mid-write never leaves half a settings file.
    const temporary = `${path}.tmp`;
    writeFileSync(temporary, text, { mode });
    renameSync(temporary, path);
  },
  remove(path) {
    rmSync(path, { force: true });
  },
};
