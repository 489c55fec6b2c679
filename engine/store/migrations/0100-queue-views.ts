// What the console's queue views read at a million recipients.
// Indexes: pages are read in index order per state (see RecipientsRepo.page), by creation
// (id), next attempt or last update, each with id as the tie-break that keeps keyset paging
// stable. (state, updated_at) lacked that tie-break, and (domain, state) is covered by
// (domain, state, id); each index dropped is one less write per accepted recipient.
// Counts: recipients per domain, stream and state, kept exact by triggers in the same
// transaction as every change, so totals and the busiest destinations are a read of a
// small table instead of a count over every waiting row (seconds at a million).
import type { WriteDb } from '../database';

export function up(db: WriteDb): void {
  db.exec(`
    DROP INDEX recipients_by_state_updated;
    DROP INDEX recipients_by_domain_state;
    CREATE INDEX recipients_by_state_updated_id ON recipients (state, updated_at, id);

    CREATE TABLE recipient_counts (
      domain TEXT NOT NULL,
      stream TEXT NOT NULL,
      state TEXT NOT NULL,
      count INTEGER NOT NULL,
      PRIMARY KEY (domain, stream, state)
    ) STRICT, WITHOUT ROWID;
    INSERT INTO recipient_counts (domain, stream, state, count)
      SELECT domain, stream, state, COUNT(*) FROM recipients GROUP BY domain, stream, state;

    CREATE TRIGGER recipients_counted_on_insert AFTER INSERT ON recipients BEGIN
      INSERT INTO recipient_counts (domain, stream, state, count) VALUES (NEW.domain, NEW.stream, NEW.state, 1)
        ON CONFLICT (domain, stream, state) DO UPDATE SET count = count + 1;
    END;
    CREATE TRIGGER recipients_counted_on_delete AFTER DELETE ON recipients BEGIN
      UPDATE recipient_counts SET count = count - 1 WHERE domain = OLD.domain AND stream = OLD.stream AND state = OLD.state;
    END;
    CREATE TRIGGER recipients_counted_on_update AFTER UPDATE OF domain, stream, state ON recipients
      WHEN OLD.domain IS NOT NEW.domain OR OLD.stream IS NOT NEW.stream OR OLD.state IS NOT NEW.state
    BEGIN
      UPDATE recipient_counts SET count = count - 1 WHERE domain = OLD.domain AND stream = OLD.stream AND state = OLD.state;
      INSERT INTO recipient_counts (domain, stream, state, count) VALUES (NEW.domain, NEW.stream, NEW.state, 1)
        ON CONFLICT (domain, stream, state) DO UPDATE SET count = count + 1;
    END;
  `);
}
