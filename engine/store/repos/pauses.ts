// Pauses: streams, destination domains, routes or source addresses held back by the operator.
import type { WriteDb } from '../database';
import type { PauseView } from '../../api/contract';

interface PauseRow {
  target_kind: PauseView['kind'];
  target: string;
  reason: string;
  until: number | null;
  created_at: number;
}

export class PausesRepo {
  private readonly listStatement;
  private readonly upsertStatement;
  private readonly deleteStatement;

  constructor(db: WriteDb) {
    this.listStatement = db.prepare<[], PauseRow>('SELECT * FROM pauses ORDER BY created_at');
    this.upsertStatement = db.prepare(`INSERT INTO pauses (target_kind, target, reason, until, created_at)
      VALUES (@kind, @target, @reason, @until, @createdAt)
      ON CONFLICT (target_kind, target) DO UPDATE SET reason = excluded.reason, until = excluded.until`);
    this.deleteStatement = db.prepare('DELETE FROM pauses WHERE target_kind = ? AND target = ?');
  }

  list(): PauseView[] {
    return this.listStatement.all().map((row) => ({
      kind: row.target_kind, target: row.target, reason: row.reason, until: row.until, createdAt: row.created_at,
    }));
  }

  save(pause: PauseView): void {
    this.upsertStatement.run(pause);
  }

  remove(kind: PauseView['kind'], target: string): boolean {
    return this.deleteStatement.run(kind, target).changes > 0;
  }
}
