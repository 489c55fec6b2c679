// Provider migrations with their checklists and history, provider-shaped webhook formats
// per endpoint, and the index behind sandbox inboxes (captured mail per credential).
import type { WriteDb } from '../database';

export function up(db: WriteDb): void {
  db.exec(`
    CREATE TABLE migrations (
      id INTEGER PRIMARY KEY,
      provider TEXT NOT NULL,
      domains TEXT NOT NULL,
      old_route TEXT NOT NULL,
      new_route TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('preparing', 'parallel', 'paused', 'rolled-back', 'completed')),
      -- Fixed at start as JSON: thresholds, ramp schedule, region, the provider's DKIM selectors.
      settings TEXT NOT NULL,
      split_percent REAL NOT NULL DEFAULT 0,
      split_started_at INTEGER,
      paused_reason TEXT,
      -- While paused the ramp's days do not pass: resuming shifts split_started_at by the pause.
      paused_at INTEGER,
      -- The rates of the last evaluation, JSON.
      rates TEXT,
      test_message_ids TEXT NOT NULL DEFAULT '[]',
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      completed_at INTEGER
    ) STRICT;

    CREATE TABLE migration_steps (
      migration_id INTEGER NOT NULL REFERENCES migrations (id) ON DELETE CASCADE,
      step TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed', 'skipped')),
      is_marked_by_hand INTEGER NOT NULL DEFAULT 0 CHECK (is_marked_by_hand IN (0, 1)),
      detail TEXT,
      note TEXT,
      checked_at INTEGER,
      done_at INTEGER,
      PRIMARY KEY (migration_id, step)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE migration_history (
      id INTEGER PRIMARY KEY,
      migration_id INTEGER NOT NULL REFERENCES migrations (id) ON DELETE CASCADE,
      at INTEGER NOT NULL,
      kind TEXT NOT NULL,
      detail TEXT NOT NULL
    ) STRICT;
    CREATE INDEX migration_history_by_migration ON migration_history (migration_id, id);

    -- Endpoints that receive payloads shaped like a provider's instead of Relaydesk's own.
    CREATE TABLE webhook_formats (
      endpoint_id INTEGER PRIMARY KEY REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
      provider TEXT NOT NULL
    ) STRICT;

    -- Sandbox inboxes: captured mail per credential, newest first, without visiting other mail.
    CREATE INDEX messages_by_sandbox_credential ON messages (credential_id, received_at) WHERE route = 'sandbox';
  `);
}
