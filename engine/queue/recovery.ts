// Crash recovery: work that was leased when the process died goes back to the queue
// (DESIGN.md, "Message life", step 5).
import type { WriteDb } from '../store/index';

export function releaseLeases(db: WriteDb, now: number): number {
  return db.prepare(`UPDATE recipients SET state = 'queued', lease_until = NULL, updated_at = @now
    WHERE state = 'sending'`).run({ now }).changes;
}
