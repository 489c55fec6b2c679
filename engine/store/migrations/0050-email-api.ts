// Email API, templates, tracking and inbound reports: versioned templates, what each
// message was composed with, opens/clicks/unsubscribes, idempotency keys of API requests,
// and the bounces and complaints that came back to the inbound listener.
import type { WriteDb } from '../database';

export function up(db: WriteDb): void {
  db.exec(`
    -- A template's name may be reused once the template is removed; its versions stay,
    -- because messages record the version they were composed from.
    CREATE TABLE templates (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL COLLATE NOCASE,
      current_version INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      removed_at INTEGER
    ) STRICT;
    CREATE UNIQUE INDEX templates_by_name ON templates (name) WHERE removed_at IS NULL;

    CREATE TABLE template_versions (
      template_id INTEGER NOT NULL REFERENCES templates (id),
      version INTEGER NOT NULL,
      subject TEXT NOT NULL,
      html TEXT,
      text TEXT,
      -- JSON object used by previews.
      sample_data TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (template_id, version)
    ) STRICT, WITHOUT ROWID;

    -- Written in the same group commit as the message, just before it; no foreign key so
    -- that a batch split between the two can never refuse the message itself.
    CREATE TABLE message_extras (
      message_id TEXT PRIMARY KEY,
      template_id INTEGER,
      template_version INTEGER,
      category TEXT,
      tags TEXT NOT NULL,
      metadata TEXT NOT NULL,
      tracks_opens INTEGER NOT NULL CHECK (tracks_opens IN (0, 1)),
      tracks_clicks INTEGER NOT NULL CHECK (tracks_clicks IN (0, 1)),
      has_list_unsubscribe INTEGER NOT NULL CHECK (has_list_unsubscribe IN (0, 1))
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE tracking_events (
      id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('open', 'click', 'unsubscribe')),
      message_id TEXT NOT NULL,
      recipient_id INTEGER,
      url TEXT,
      user_agent TEXT,
      ip TEXT,
      is_automated INTEGER NOT NULL CHECK (is_automated IN (0, 1)),
      automated_reason TEXT
    ) STRICT;
    CREATE INDEX tracking_events_by_message ON tracking_events (message_id, id);
    CREATE INDEX tracking_events_by_at ON tracking_events (at);

    -- message_ids are the queue ids planned for the request, so a retry after a crash
    -- finds the messages that did commit instead of queueing them twice.
    CREATE TABLE idempotency_keys (
      credential_id INTEGER NOT NULL,
      key TEXT NOT NULL,
      request_hash TEXT NOT NULL,
      message_ids TEXT NOT NULL,
      status_code INTEGER,
      response TEXT,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      PRIMARY KEY (credential_id, key)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX idempotency_keys_by_expiry ON idempotency_keys (expires_at);

    CREATE TABLE inbound_reports (
      id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('dsn', 'arf', 'unsubscribe', 'other')),
      session_id TEXT,
      mail_from TEXT NOT NULL,
      rcpt_to TEXT NOT NULL,
      message_id TEXT,
      recipient_id INTEGER,
      address TEXT,
      outcome TEXT NOT NULL,
      detail TEXT NOT NULL,
      -- The report's parsed fields (JSON); the raw report is not kept.
      fields TEXT NOT NULL
    ) STRICT;
    CREATE INDEX inbound_reports_by_at ON inbound_reports (at);
  `);
}
