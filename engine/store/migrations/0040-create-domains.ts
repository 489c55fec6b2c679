// Sending domains and reputation: domains with their verification state, and the status
// and history of the relay's addresses and domains on DNS blocklists.
import type { WriteDb } from '../database';

export function up(db: WriteDb): void {
  db.exec(`
    CREATE TABLE sending_domains (
      domain TEXT PRIMARY KEY,
      selector_prefix TEXT NOT NULL,
      uses_ed25519 INTEGER NOT NULL CHECK (uses_ed25519 IN (0, 1)),
      -- Envelope senders go out on this domain with VERP; NULL keeps the sender's own address.
      return_path_domain TEXT,
      -- Accept MAIL FROM this domain before it is verified (domains.requireVerified).
      allow_unverified INTEGER NOT NULL CHECK (allow_unverified IN (0, 1)),
      status TEXT NOT NULL CHECK (status IN ('unverified', 'verified', 'failing')),
      -- The id of the domain's own MTA-STS policy (RFC 8461 §3.1), changed when the policy is.
      mta_sts_id TEXT NOT NULL,
      -- The last verification report as JSON, shown until the next check.
      report TEXT,
      checked_at INTEGER,
      verified_at INTEGER,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    -- One row per sending address or domain and list: what the last check found.
    CREATE TABLE blocklist_status (
      target TEXT NOT NULL,
      list TEXT NOT NULL,
      target_kind TEXT NOT NULL CHECK (target_kind IN ('ip', 'domain')),
      state TEXT NOT NULL CHECK (state IN ('listed', 'clear', 'unknown')),
      -- 'dns': a lookup in the list's zone; 'reply': a delivery reply named the list.
      source TEXT NOT NULL CHECK (source IN ('dns', 'reply')),
      detail TEXT,
      delist_url TEXT,
      -- Why the last check could not tell (a refused query, a timeout); NULL when it could.
      error TEXT,
      since INTEGER NOT NULL,
      checked_at INTEGER NOT NULL,
      PRIMARY KEY (target, list)
    ) STRICT;

    -- Listings and delistings, per target and list, for the history view.
    CREATE TABLE blocklist_history (
      id INTEGER PRIMARY KEY,
      target TEXT NOT NULL,
      list TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('listed', 'clear')),
      source TEXT NOT NULL CHECK (source IN ('dns', 'reply')),
      detail TEXT,
      at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX blocklist_history_by_target_list ON blocklist_history (target, list, id);
  `);
}
