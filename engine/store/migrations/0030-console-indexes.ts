// Indexes for the console's queue views at a million recipients: filter by address, and
// order by next attempt or last update within states (creation order is the primary key).
import type { WriteDb } from '../database';

export function up(db: WriteDb): void {
  db.exec(`
    CREATE INDEX recipients_by_address ON recipients (address COLLATE NOCASE);
    CREATE INDEX recipients_by_state_next ON recipients (state, next_attempt_at, id);
    CREATE INDEX recipients_by_state_id ON recipients (state, id);
    CREATE INDEX recipients_by_domain_state_id ON recipients (domain, state, id);
  `);
}
