// Webhook endpoints, their outbox and attempt log; cursors of the consumers of the events
// table; analytics rollups; indexes for retention and message search.
import type { WriteDb } from '../database';

export function up(db: WriteDb): void {
  db.exec(`
    CREATE TABLE webhook_endpoints (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      url TEXT NOT NULL,
      secret_sealed TEXT NOT NULL,
      is_enabled INTEGER NOT NULL CHECK (is_enabled IN (0, 1)),
      -- Filters as JSON arrays; an empty array lets everything through.
      event_types TEXT NOT NULL,
      streams TEXT NOT NULL,
      sender_domains TEXT NOT NULL,
      format TEXT NOT NULL CHECK (format IN ('json', 'jsonl')),
      batch_size INTEGER NOT NULL,
      batch_interval_ms INTEGER NOT NULL,
      -- Only events stored after this one reach the endpoint; older ones by replay.
      start_event_id INTEGER NOT NULL,
      -- Consecutive failed attempts and when to try again: the backoff is per endpoint,
      -- because its events are sent in order.
      failures INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE webhook_outbox (
      id INTEGER PRIMARY KEY,
      endpoint_id INTEGER NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
      event_id TEXT NOT NULL,
      type TEXT NOT NULL,
      message_id TEXT,
      payload TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      -- The retry window starts here: when queued, or when a disabled endpoint is re-enabled.
      window_start_at INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      finished_at INTEGER,
      last_error TEXT
    ) STRICT;
    CREATE INDEX webhook_outbox_by_endpoint_state ON webhook_outbox (endpoint_id, state, id);
    CREATE INDEX webhook_outbox_by_finished_at ON webhook_outbox (finished_at) WHERE finished_at IS NOT NULL;

    CREATE TABLE webhook_attempts (
      id INTEGER PRIMARY KEY,
      endpoint_id INTEGER NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
      at INTEGER NOT NULL,
      is_test INTEGER NOT NULL CHECK (is_test IN (0, 1)),
      first_outbox_id INTEGER,
      last_outbox_id INTEGER,
      event_count INTEGER NOT NULL,
      status INTEGER,
      is_success INTEGER NOT NULL CHECK (is_success IN (0, 1)),
      duration_ms INTEGER NOT NULL,
      error TEXT,
      response_excerpt TEXT
    ) STRICT;
    CREATE INDEX webhook_attempts_by_endpoint ON webhook_attempts (endpoint_id, id);
    CREATE INDEX webhook_attempts_by_at ON webhook_attempts (at);

    -- How far each consumer of the events table has read; advanced in the transaction
    -- that stores what the consumer made of those events.
    CREATE TABLE event_cursors (
      name TEXT PRIMARY KEY,
      last_event_id INTEGER NOT NULL,
      -- Events before this time are skipped: a rebuild kept the rollups of older periods.
      floor_at INTEGER NOT NULL DEFAULT 0
    ) STRICT;

    CREATE TABLE analytics_rollups (
      granularity TEXT NOT NULL CHECK (granularity IN ('hour', 'day')),
      bucket_at INTEGER NOT NULL,
      stream TEXT NOT NULL,
      provider TEXT NOT NULL,
      sender_domain TEXT NOT NULL,
      accepted INTEGER NOT NULL DEFAULT 0,
      delivered INTEGER NOT NULL DEFAULT 0,
      deferred INTEGER NOT NULL DEFAULT 0,
      bounced INTEGER NOT NULL DEFAULT 0,
      expired INTEGER NOT NULL DEFAULT 0,
      suppressed INTEGER NOT NULL DEFAULT 0,
      complaints INTEGER NOT NULL DEFAULT 0,
      opens INTEGER NOT NULL DEFAULT 0,
      clicks INTEGER NOT NULL DEFAULT 0,
      unsubscribes INTEGER NOT NULL DEFAULT 0,
      -- Accepted-to-delivered times as a sparse histogram, JSON {bin: count} (analytics/histogram.ts).
      latency TEXT NOT NULL DEFAULT '{}',
      PRIMARY KEY (granularity, bucket_at, stream, provider, sender_domain)
    ) STRICT, WITHOUT ROWID;

    -- Which provider hosts a recipient domain, learned from the MX hosts deliveries reached,
    -- so events without an MX host (acceptance, opens) count under the same provider.
    CREATE TABLE analytics_domain_providers (
      domain TEXT PRIMARY KEY,
      provider TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;

    -- Retention finds bodies to purge per stream without revisiting purged ones.
    CREATE INDEX messages_by_body_age ON messages (stream, received_at) WHERE raw IS NOT NULL;
    -- Search: newest first over a time range, filtering stream, sender and subject, and
    -- joining recipients by id, from the index alone (the rows carry the raw message and are
    -- costly to visit). It replaces the plain received_at index, its prefix, so ingest
    -- maintains one index rather than two.
    DROP INDEX messages_by_received_at;
    CREATE INDEX messages_by_received_at ON messages (received_at, stream, mail_from, subject, id);
    CREATE INDEX messages_by_message_id_header ON messages (message_id_header) WHERE message_id_header IS NOT NULL;
  `);
}
