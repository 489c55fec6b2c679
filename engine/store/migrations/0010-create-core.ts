// Core schema: messages (raw stored once), recipients with their state machine,
// inbound/outbound sessions with their transcripts, credentials, settings, events.
import type { WriteDb } from '../database';

export function up(db: WriteDb): void {
  db.exec(`
    CREATE TABLE messages (
      id TEXT PRIMARY KEY,
      received_at INTEGER NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('smtp', 'api', 'dsn')),
      session_id TEXT,
      credential_id INTEGER,
      stream TEXT NOT NULL CHECK (stream IN ('transactional', 'bulk')),
      mail_from TEXT NOT NULL,
      sender_domain TEXT NOT NULL,
      header_from TEXT,
      subject TEXT,
      message_id_header TEXT,
      size INTEGER NOT NULL,
      recipient_count INTEGER NOT NULL,
      raw BLOB,
      raw_purged_at INTEGER
    ) STRICT;
    CREATE INDEX messages_by_received_at ON messages (received_at);
    CREATE INDEX messages_by_session ON messages (session_id);

    CREATE TABLE recipients (
      id INTEGER PRIMARY KEY,
      message_id TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
      address TEXT NOT NULL,
      domain TEXT NOT NULL,
      stream TEXT NOT NULL CHECK (stream IN ('transactional', 'bulk')),
      state TEXT NOT NULL CHECK (state IN
        ('queued', 'sending', 'deferred', 'delivered', 'bounced', 'suppressed', 'expired', 'held')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      lease_until INTEGER,
      last_reply TEXT,
      reason TEXT,
      dsn_notify TEXT,
      dsn_orcpt TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX recipients_by_message ON recipients (message_id);
    CREATE INDEX recipients_by_stream_state_next ON recipients (stream, state, next_attempt_at);
    CREATE INDEX recipients_by_domain_state ON recipients (domain, state);
    CREATE INDEX recipients_by_state_updated ON recipients (state, updated_at);

    CREATE TABLE sessions (
      id TEXT PRIMARY KEY,
      direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
      listener TEXT,
      local_address TEXT,
      local_port INTEGER,
      remote_address TEXT NOT NULL,
      remote_port INTEGER,
      helo TEXT,
      tls_protocol TEXT,
      tls_cipher TEXT,
      auth_user TEXT,
      credential_id INTEGER,
      started_at INTEGER NOT NULL,
      ended_at INTEGER,
      outcome TEXT,
      message_count INTEGER NOT NULL DEFAULT 0,
      line_count INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE INDEX sessions_by_started_at ON sessions (started_at);
    CREATE INDEX sessions_by_remote_address ON sessions (remote_address, started_at);
    CREATE INDEX sessions_by_auth_user ON sessions (auth_user, started_at);

    -- A session's conversation, stored in chunks: one row per session and flush, the lines
    -- as JSON [[seq, at, kind, text], ...]. Transcripts are the bulk of what the relay
    -- writes; a row per line cost more than the messages themselves.
    CREATE TABLE transcript_chunks (
      session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      first_seq INTEGER NOT NULL,
      last_seq INTEGER NOT NULL,
      lines TEXT NOT NULL,
      PRIMARY KEY (session_id, first_seq)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE credentials (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      username TEXT NOT NULL,
      secret_hash TEXT NOT NULL,
      previous_secret_hash TEXT,
      previous_valid_until INTEGER,
      sender_domains TEXT NOT NULL,
      stream TEXT NOT NULL CHECK (stream IN ('transactional', 'bulk')),
      client_networks TEXT NOT NULL,
      rate_limit_messages INTEGER NOT NULL,
      rate_limit_window_ms INTEGER NOT NULL,
      is_enabled INTEGER NOT NULL CHECK (is_enabled IN (0, 1)),
      expires_at INTEGER,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      revoked_at INTEGER,
      last_used_at INTEGER
    ) STRICT;
    CREATE UNIQUE INDEX credentials_by_username ON credentials (username) WHERE revoked_at IS NULL;

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE events (
      id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      type TEXT NOT NULL,
      message_id TEXT,
      recipient_id INTEGER,
      data TEXT NOT NULL
    ) STRICT;
    CREATE INDEX events_by_message ON events (message_id, id);
    CREATE INDEX events_by_at ON events (at);
  `);
}
