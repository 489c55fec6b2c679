// Runs pending migrations in one transaction that also sets user_version, and
// refuses a database written by a newer Relaydesk.
import type { WriteDb } from './database';
import { migrations as shippedMigrations, type Migration } from './migrations/index';
import { StoreFromFutureError } from '../shared/errors';

export interface MigrationResult {
  from: number;
  to: number;
  applied: string[];
}

export function migrate(db: WriteDb, path: string, migrations: readonly Migration[] = shippedMigrations): MigrationResult {
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version <= migrations[i - 1]!.version) {
      throw new Error(`Migration versions must increase: ${migrations[i]!.name} after ${migrations[i - 1]!.name}`);
    }
  }
  const latest = migrations.at(-1)?.version ?? 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) throw new StoreFromFutureError(current, latest, path);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return { from: current, to: current, applied: [] };
  db.transaction(() => {
    for (const migration of pending) migration.up(db);
    // PRAGMA cannot take a bound parameter; the value is an integer from our own list.
    db.pragma(`user_version = ${latest}`);
  }).immediate();
  return { from: current, to: latest, applied: pending.map((m) => m.name) };
}
