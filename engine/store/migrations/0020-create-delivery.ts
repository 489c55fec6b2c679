// Delivery schema: attempts with their outbound transcripts, routes and routing,
// suppressions, throttle rules, DKIM keys, warm-up plans, pauses and send counters.
import type { WriteDb } from '../database';

export function up(db: WriteDb): void {
  db.exec(`
    -- The route chosen for a message when it was accepted (a percentage split is
    -- decided once per message, so every recipient follows it and it stays visible).
    ALTER TABLE messages ADD COLUMN route TEXT;
    ALTER TABLE recipients ADD COLUMN last_attempt_at INTEGER;
    ALTER TABLE recipients ADD COLUMN is_delay_notified INTEGER NOT NULL DEFAULT 0 CHECK (is_delay_notified IN (0, 1));
    CREATE INDEX recipients_by_lease ON recipients (lease_until) WHERE state = 'sending';

    CREATE TABLE attempts (
      id INTEGER PRIMARY KEY,
      recipient_id INTEGER NOT NULL REFERENCES recipients (id) ON DELETE CASCADE,
      message_id TEXT NOT NULL,
      at INTEGER NOT NULL,
      duration_ms INTEGER NOT NULL,
      route TEXT NOT NULL,
      mx_host TEXT,
      mx_address TEXT,
      local_address TEXT,
      tls_protocol TEXT,
      tls_cipher TEXT,
      -- Which outbound TLS policy applied and why (opportunistic, required, MTA-STS, DANE).
      tls_policy TEXT,
      session_id TEXT,
      phase TEXT NOT NULL,
      reply TEXT,
      verdict TEXT NOT NULL CHECK (verdict IN ('delivered', 'deferred', 'bounced')),
      category TEXT NOT NULL,
      rule_id TEXT NOT NULL,
      summary TEXT NOT NULL
    ) STRICT;
    CREATE INDEX attempts_by_recipient ON attempts (recipient_id, id);
    CREATE INDEX attempts_by_message ON attempts (message_id, id);
    CREATE INDEX attempts_by_at ON attempts (at);

    CREATE TABLE routes (
      name TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('direct', 'smarthost', 'sandbox')),
      -- Kind-specific settings as JSON; secrets inside are sealed (see shared/secrets).
      settings TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    INSERT INTO routes (name, kind, settings, created_at, updated_at)
      VALUES ('sandbox', 'sandbox', '{}', 0, 0), ('direct', 'direct', '{}', 0, 0);

    CREATE TABLE suppressions (
      id INTEGER PRIMARY KEY,
      address TEXT NOT NULL COLLATE NOCASE,
      scope TEXT NOT NULL CHECK (scope IN ('global', 'stream', 'domain')),
      -- The stream name or the sender domain; '' for global entries.
      scope_value TEXT NOT NULL DEFAULT '',
      reason TEXT NOT NULL CHECK (reason IN ('hard-bounce', 'complaint', 'unsubscribe', 'manual', 'import')),
      detail TEXT,
      source_message_id TEXT,
      created_at INTEGER NOT NULL,
      UNIQUE (address, scope, scope_value)
    ) STRICT;
    CREATE INDEX suppressions_by_created_at ON suppressions (created_at);

    CREATE TABLE throttle_rules (
      id INTEGER PRIMARY KEY,
      scope TEXT NOT NULL CHECK (scope IN ('default', 'provider', 'domain')),
      -- '' for the default rule; an MX host suffix for a provider (e.g. .google.com); a domain.
      match TEXT NOT NULL,
      label TEXT,
      max_connections INTEGER,
      messages_per_connection INTEGER,
      messages_per_minute INTEGER,
      messages_per_hour INTEGER,
      updated_at INTEGER NOT NULL,
      UNIQUE (scope, match)
    ) STRICT;

    CREATE TABLE dkim_keys (
      domain TEXT NOT NULL,
      selector TEXT NOT NULL,
      algorithm TEXT NOT NULL CHECK (algorithm IN ('rsa-sha256', 'ed25519-sha256')),
      private_key_sealed TEXT NOT NULL,
      public_key TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending', 'active', 'retired')),
      created_at INTEGER NOT NULL,
      activated_at INTEGER,
      retired_at INTEGER,
      PRIMARY KEY (domain, selector)
    ) STRICT;

    CREATE TABLE warmup_plans (
      source_address TEXT PRIMARY KEY,
      started_at INTEGER NOT NULL,
      -- Daily caps, one per day of the plan; after the last day there is no cap.
      daily_caps TEXT NOT NULL,
      overflow TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE pauses (
      target_kind TEXT NOT NULL CHECK (target_kind IN ('stream', 'domain', 'route', 'source')),
      target TEXT NOT NULL,
      reason TEXT NOT NULL,
      until INTEGER,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (target_kind, target)
    ) STRICT;

    -- Counts that must survive a restart: messages sent per day for the daily quota and
    -- per source address for warm-up.
    CREATE TABLE send_counters (
      key TEXT NOT NULL,
      window_start INTEGER NOT NULL,
      count INTEGER NOT NULL,
      PRIMARY KEY (key, window_start)
    ) STRICT, WITHOUT ROWID;
  `);
}
