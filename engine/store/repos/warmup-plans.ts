// Warm-up plans per source address.
import type { WriteDb } from '../database';

export interface StoredWarmupPlan {
  sourceAddress: string;
  startedAt: number;
  dailyCaps: number[];
  overflow: { kind: 'hold' } | { kind: 'route'; route: string };
}

export class WarmupPlansRepo {
  private readonly listStatement;
  private readonly upsertStatement;
  private readonly deleteStatement;

  constructor(db: WriteDb) {
    this.listStatement = db.prepare<[], { source_address: string; started_at: number; daily_caps: string; overflow: string }>(
      'SELECT source_address, started_at, daily_caps, overflow FROM warmup_plans ORDER BY source_address');
    this.upsertStatement = db.prepare(`INSERT INTO warmup_plans (source_address, started_at, daily_caps, overflow, updated_at)
      VALUES (@sourceAddress, @startedAt, @dailyCaps, @overflow, @now)
      ON CONFLICT (source_address) DO UPDATE SET started_at = excluded.started_at, daily_caps = excluded.daily_caps,
        overflow = excluded.overflow, updated_at = excluded.updated_at`);
    this.deleteStatement = db.prepare('DELETE FROM warmup_plans WHERE source_address = ?');
  }

  list(): StoredWarmupPlan[] {
    return this.listStatement.all().map((row) => ({
      sourceAddress: row.source_address, startedAt: row.started_at,
      dailyCaps: JSON.parse(row.daily_caps) as number[], overflow: JSON.parse(row.overflow) as StoredWarmupPlan['overflow'],
    }));
  }

  save(plan: StoredWarmupPlan, now: number): void {
    this.upsertStatement.run({ ...plan, dailyCaps: JSON.stringify(plan.dailyCaps), overflow: JSON.stringify(plan.overflow), now });
  }

  remove(sourceAddress: string): boolean {
    return this.deleteStatement.run(sourceAddress).changes > 0;
  }
}
