// Routes: named ways out (direct MX, smarthosts, the sandbox) with their settings.
import type { WriteDb } from '../database';
import type { RouteKind } from '../../api/contract';

export interface StoredSmarthost {
  host: string;
  port: number;
  tls: 'starttls' | 'implicit' | 'none';
  username: string | null;
  passwordSealed: string | null;
  verifyCertificate: boolean;
  maxConnections: number | null;
}

export interface StoredRoute {
  name: string;
  kind: RouteKind;
  smarthost: StoredSmarthost | null;
  createdAt: number;
  updatedAt: number;
}

interface RouteRow {
  name: string;
  kind: RouteKind;
  settings: string;
  created_at: number;
  updated_at: number;
}

function rowToRoute(row: RouteRow): StoredRoute {
  return {
    name: row.name,
    kind: row.kind,
    smarthost: row.kind === 'smarthost' ? (JSON.parse(row.settings) as StoredSmarthost) : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class RoutesRepo {
  private readonly listStatement;
  private readonly upsertStatement;
  private readonly deleteStatement;

  constructor(db: WriteDb) {
    this.listStatement = db.prepare<[], RouteRow>('SELECT * FROM routes ORDER BY name');
    this.upsertStatement = db.prepare(`INSERT INTO routes (name, kind, settings, created_at, updated_at)
      VALUES (@name, @kind, @settings, @createdAt, @updatedAt)
      ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, settings = excluded.settings, updated_at = excluded.updated_at`);
    this.deleteStatement = db.prepare('DELETE FROM routes WHERE name = ?');
  }

  list(): StoredRoute[] {
    return this.listStatement.all().map(rowToRoute);
  }

  save(route: StoredRoute): void {
    this.upsertStatement.run({ ...route, settings: JSON.stringify(route.smarthost ?? {}) });
  }

  remove(name: string): boolean {
    return this.deleteStatement.run(name).changes > 0;
  }
}
