// Settings: small JSON values keyed by name, changed at run time from a console.
import type { WriteDb } from '../database';

export class SettingsRepo {
  private readonly getStatement;
  private readonly setStatement;

  constructor(db: WriteDb) {
    this.getStatement = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    this.setStatement = db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES (@key, @value, @now)
      ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);
  }

  get<T>(key: string): T | undefined {
    const row = this.getStatement.get(key);
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  set(key: string, value: unknown, now: number): void {
    this.setStatement.run({ key, value: JSON.stringify(value), now });
  }
}
