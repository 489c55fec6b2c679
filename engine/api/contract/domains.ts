// Sending domains (records to publish, verification, DKIM rotation, return path) and
// blocklist monitoring. Types only.
import type { Stream } from './common';

/** What a record is for. */
export type DnsRecordPurpose =
  | 'spf'
  | 'dkim'
  | 'dmarc'
  | 'return-path-mx'
  | 'return-path-spf'
  | 'mta-sts'
  | 'mta-sts-policy'
  | 'tls-rpt'
  | 'alignment';

/**
 * One record to publish and what DNS serves for it. `ok`: as expected; `missing`: nothing
 * served; `wrong`: something else served (see `problems`); `error`: DNS did not answer,
 * so the previous status stands; `unchecked`: not looked up yet.
 */
export interface DnsRecordCheck {
  purpose: DnsRecordPurpose;
  /** Owner name, e.g. `rd-20260101._domainkey.example.com`; for `mta-sts-policy` the policy URL. */
  name: string;
  /** `POLICY` is the MTA-STS policy file, served over HTTPS rather than DNS; `CHECK` is the alignment test (nothing to publish). */
  type: 'TXT' | 'MX' | 'POLICY' | 'CHECK';
  /** What to publish (for MX `10 host.`; for the policy, the file's content). */
  value: string;
  /** Required for `verified`; the others (MTA-STS, TLS-RPT, the alignment check) are recommended. */
  isRequired: boolean;
  status: 'ok' | 'missing' | 'wrong' | 'error' | 'unchecked';
  /** What DNS serves now for this name and type (TXT strings joined). */
  found: string[];
  /** Why it is wrong or missing, one sentence each. */
  problems: string[];
  /** Worth knowing about a record that works (e.g. DMARC `p=none` enforces nothing). */
  warnings: string[];
  /** For DKIM records: the key and what to do with its record. */
  dkim?: DkimRecordKey;
}

export interface DkimRecordKey {
  selector: string;
  algorithm: 'rsa-sha256' | 'ed25519-sha256';
  state: 'pending' | 'active' | 'retired';
  /** publish: needed now; keep: a retired key's record during the grace period; remove: may be deleted from DNS. */
  action: 'publish' | 'keep' | 'remove';
  /** For retired keys, when the record may be removed (epoch ms). */
  removableAt: number | null;
}

/** unverified: never passed; verified: every required record is ok; failing: was verified, now is not. */
export type DomainStatus = 'unverified' | 'verified' | 'failing';

/** Where a domain's DKIM rotation stands. */
export interface DkimRotationView {
  /** idle: signing with the active keys; awaiting-dns: the next keys wait for their records to be served. */
  phase: 'idle' | 'awaiting-dns';
  /** When the next automatic rotation starts; null when rotation is off. */
  nextRotationAt: number | null;
  /** The selectors waiting for DNS. */
  pendingSelectors: string[];
}

export interface DomainView {
  domain: string;
  status: DomainStatus;
  /** Mail from this domain is accepted at MAIL FROM while it is not verified. */
  allowUnverified: boolean;
  /** Envelope senders go out on this domain with VERP; null keeps the sender's address. */
  returnPathDomain: string | null;
  /** Messages carry a second, Ed25519 signature (RFC 8463). */
  usesEd25519: boolean;
  /** Rotated keys are named `<prefix>-<yyyymmdd>` (`-ed` for Ed25519). */
  selectorPrefix: string;
  records: DnsRecordCheck[];
  rotation: DkimRotationView;
  /** Whether MAIL FROM this domain is accepted now on a live route, and why. */
  sending: { isAllowed: boolean; reason: string };
  createdAt: number;
  checkedAt: number | null;
  verifiedAt: number | null;
}

export interface DomainInput {
  domain: string;
  /** The first key's selector; default `<selectorPrefix>-<yyyymmdd>`. */
  selector?: string;
  /** Default `rd`. */
  selectorPrefix?: string;
  usesEd25519?: boolean;
  /** e.g. `bounces.example.com`; must be the domain itself or below it (SPF alignment, RFC 7489 §3.1.2). */
  returnPathDomain?: string | null;
  allowUnverified?: boolean;
}

export interface DomainPatch {
  allowUnverified?: boolean;
  returnPathDomain?: string | null;
  usesEd25519?: boolean;
}

/** A change to a domain, for `domains.live`; `view` is null once removed. */
export interface DomainChange {
  domain: string;
  kind: 'added' | 'updated' | 'removed' | 'checked' | 'status' | 'rotation';
  view: DomainView | null;
  at: number;
}

/** One sending address or domain on one list. */
export interface BlocklistEntryView {
  target: string;
  targetKind: 'ip' | 'domain';
  list: string;
  /** unknown: never answered usefully (refused, rate limited, timed out); see `error`. */
  state: 'listed' | 'clear' | 'unknown';
  /** dns: a lookup in the list's zone; reply: a delivery reply named the list. */
  source: 'dns' | 'reply';
  /** The list's reason (its TXT answer, return code meaning or the reply). */
  detail: string | null;
  delistUrl: string | null;
  /** Why the last check could not tell, e.g. the list refuses queries from public resolvers. */
  error: string | null;
  /**
   * refused: the list answered with a code that refuses the query (a public or open resolver,
   * rate limited, a malformed query, an answer that is no listing code), which is not a
   * listing; failed: no usable answer (timeout, SERVFAIL). Null when the last check could tell.
   */
  errorKind: 'refused' | 'failed' | null;
  /** The list's A answer at the last lookup (RFC 5782 return codes, e.g. `127.0.0.2`); empty when not listed or not asked. */
  returnCodes: string[];
  /** Since when the state holds. */
  since: number;
  checkedAt: number;
}

/** A DNS blocklist or domain list the console may add to the shipped ones. */
export interface BlocklistListInput {
  name: string;
  /** e.g. `bl.example.net`: queried as `<reversed address>.<zone>` (ip) or `<domain>.<zone>` (domain). */
  zone: string;
  kind: 'ip' | 'domain';
  delistUrl: string | null;
}

/** What happens when one of the streams' source addresses is listed. */
export type BlocklistListingAction = 'alert' | 'pause-source' | 'reroute';

/** How blocklist monitoring runs: the configuration file's `blocklists` section until changed with blocklists.configure. */
export interface BlocklistSettings {
  /** Check on a schedule, every `intervalMinutes`; a check on demand works either way. */
  isScheduled: boolean;
  intervalMinutes: number;
  /** Sending addresses to watch besides the streams' source addresses and those seen in attempts. */
  addresses: string[];
  /** Check the shipped lists: Spamhaus ZEN and DBL, Barracuda, SpamCop. */
  useDefaultLists: boolean;
  /** Lists of the operator's own, checked as well. */
  lists: BlocklistListInput[];
  /**
   * alert: only the alert; pause-source: delivery from a listed source address is paused
   * until resumed; reroute: the stream of a listed source address sends through `reroute`
   * until every list has delisted it.
   */
  onListing: BlocklistListingAction;
  /** For `reroute`, exactly one: another source address, or a route (a smarthost or the sandbox). */
  reroute: { sourceAddress: string | null; route: string | null };
}

/** A stream sending through its alternative while its source address is listed (onListing `reroute`). */
export interface BlocklistRerouteView {
  stream: Stream;
  /** The stream's own source address, listed. */
  address: string;
  /** The lists that list it. */
  lists: string[];
  /** Where its mail goes meanwhile. */
  sourceAddress: string | null;
  route: string | null;
  /** When the first of those listings was found. */
  since: number;
}

export interface BlocklistStatusView {
  entries: BlocklistEntryView[];
  /** What is watched: sending addresses (configured, source addresses, seen in attempts, the reroute alternative) and domains. */
  targets: Array<{ target: string; kind: 'ip' | 'domain'; origin: 'configured' | 'source-address' | 'attempts' | 'reroute-address' | 'sending-domain' }>;
  /** Every list checked: the shipped ones (`isDefault`) and the operator's. */
  lists: Array<{ name: string; zone: string; kind: 'ip' | 'domain'; delistUrl: string | null; isDefault: boolean }>;
  settings: BlocklistSettings;
  /** When the settings were last changed in the console; null while the configuration file's apply. */
  settingsChangedAt: number | null;
  /** Streams sending through their alternative now. */
  reroutes: BlocklistRerouteView[];
  lastRunAt: number | null;
  nextRunAt: number | null;
}

/** A listing or delisting in the history. */
export interface BlocklistHistoryEntry {
  id: number;
  target: string;
  list: string;
  state: 'listed' | 'clear';
  source: 'dns' | 'reply';
  detail: string | null;
  at: number;
}
