// Guided moves off a hosted provider: playbooks, per-migration checklists, parallel
// sending along a ramp, and imports and webhook shapes in the provider's own formats. Types only.
import type { SuppressionImportReport, SuppressionScope } from './policy';

/** The providers Relaydesk has a playbook for. */
export type ProviderId = 'sendgrid' | 'mailgun' | 'ses' | 'postmark' | 'brevo' | 'mandrill';

/** How sure the playbook is of a fact about a provider, and where the operator checks it. */
export interface FactNote {
  confidence: 'high' | 'medium' | 'low';
  /** The provider's own page that states it. */
  verifyAt: string;
  /** What is uncertain, or what changed over time. */
  note?: string;
}

/** How to keep the provider as a smarthost route while traffic moves. */
export interface ProviderSmarthostFacts {
  /** The SMTP host; for regional providers the default region's. */
  host: string;
  port: number;
  tls: 'starttls' | 'implicit';
  /** Other ports the provider documents, e.g. 2525 where 587 is blocked. */
  otherPorts: Array<{ port: number; tls: 'starttls' | 'implicit' }>;
  /** `fixed`: the user is always this literal (SendGrid's `apikey`); otherwise `hint` says what to enter. */
  username: { fixed: string | null; hint: string };
  /** What the password is; `derivedFrom` when Relaydesk computes it from another secret (SES). */
  password: { hint: string; derivedFrom: 'ses-secret-access-key' | null };
  facts: FactNote;
}

/** A DNS record the provider had the operator publish. */
export interface ProviderRecord {
  /** Owner name with `{domain}` for the sending domain, e.g. `s1._domainkey.{domain}`. */
  name: string;
  type: 'TXT' | 'CNAME' | 'MX';
  purpose: 'dkim' | 'return-path' | 'verification' | 'tracking' | 'spf';
  /** What the record holds; account-specific parts in angle brackets. */
  value: string;
  facts: FactNote;
}

/** One provider export of suppressed addresses, as the provider writes it. */
export interface ProviderExportFormat {
  id: string;
  label: string;
  /** The header row in order; `null` when the export has none. */
  columns: string[] | null;
  /** The column holding the address (or its index when there is no header). */
  addressColumn: string | number;
  /** The column whose value says why, mapped in `reasons`. */
  reasonColumn: string | number | null;
  /** Provider reason (lower case) → Relaydesk reason; `skip` leaves the row out (soft bounces). */
  reasons: Record<string, 'hard-bounce' | 'complaint' | 'unsubscribe' | 'manual' | 'skip'>;
  /** The reason for rows whose reason column is missing or unknown. */
  defaultReason: 'hard-bounce' | 'complaint' | 'unsubscribe' | 'manual';
  facts: FactNote;
}

/** What Relaydesk knows about moving off one provider. */
export interface ProviderPlaybook {
  id: ProviderId;
  name: string;
  /** Regions with their own SMTP host; empty when the provider has one host. */
  regions: Array<{ id: string; host: string }>;
  smarthost: ProviderSmarthostFacts;
  /** SPF includes the provider asked for at the domain, current first, then older names still found in records. */
  spfIncludes: string[];
  /** Records to keep during the move and remove at the end. */
  records: ProviderRecord[];
  /** True when DKIM selector names differ per account: cleanup checks only the selectors given. */
  hasAccountSelectors: boolean;
  exports: ProviderExportFormat[];
  /** The provider's webhook payload, as Relaydesk can imitate it for the main events. */
  webhooks: { description: string; contentType: string; facts: FactNote };
  notes: string[];
}

/** The limits a migration enforces on mail sent through Relaydesk during parallel sending. */
export interface MigrationThresholds {
  /** Bounced / (delivered + bounced), 0-1. Providers suspend accounts around 0.05. */
  maxBounceRate: number;
  /** Complaints / delivered, 0-1; mailbox providers want under 0.003. */
  maxComplaintRate: number;
  /** Deferred attempts / attempts, 0-1. */
  maxDeferralRate: number;
  /** The window rates are counted over, in days. */
  windowDays: number;
  /** Rates are not judged below this many attempts in the window. */
  minVolume: number;
}

/** Rates of mail sent through Relaydesk's route over the threshold window. */
export interface MigrationRates {
  from: number;
  to: number;
  delivered: number;
  bounced: number;
  deferred: number;
  complaints: number;
  bounceRate: number | null;
  complaintRate: number | null;
  deferralRate: number | null;
}

export type MigrationState = 'preparing' | 'parallel' | 'paused' | 'rolled-back' | 'completed';

export type MigrationStepId =
  | 'old-route' | 'routing-old' | 'domains-added' | 'dns-spf' | 'dns-dkim' | 'dns-dmarc' | 'dns-return-path'
  | 'suppressions' | 'test-message' | 'webhooks' | 'parallel-sending' | 'rates' | 'warmup-day' | 'cutover'
  | 'dns-cleanup' | 'remove-old-route';

/** One step of a migration's checklist. */
export interface ChecklistStep {
  id: MigrationStepId;
  title: string;
  /** What to do, for the operator, with the provider's and domains' names filled in. */
  description: string;
  /** `auto`: Relaydesk verifies it (DNS, queue, rates); `manual`: only the operator can say. */
  check: 'auto' | 'manual';
  /** `skipped` counts as complete (e.g. no return-path domain configured). */
  status: 'pending' | 'done' | 'failed' | 'skipped';
  /** Done (or skipped) by the operator rather than by a check; a later check does not undo it. */
  isMarkedByHand: boolean;
  /** What the last check found, in sentences. */
  detail: string | null;
  /** The operator's note. */
  note: string | null;
  checkedAt: number | null;
  doneAt: number | null;
}

/** A DNS change to make for one domain, during the move or at its end. */
export interface DnsChange {
  phase: 'during' | 'cleanup';
  action: 'publish' | 'keep' | 'remove';
  domain: string;
  name: string;
  type: 'TXT' | 'CNAME' | 'MX';
  /** The value to publish or the one to remove; null when it is account-specific and unknown. */
  value: string | null;
  why: string;
}

/** The SPF record of a domain before, during and after the move, with DNS lookup counts (RFC 7208 §4.6.4: at most 10). */
export interface SpfPlan {
  domain: string;
  current: string | null;
  currentLookups: number | null;
  during: string;
  duringLookups: number | null;
  after: string;
  afterLookups: number | null;
  problems: string[];
}

/** Where the route split stands: the share of the old route's mail that Relaydesk sends. */
export interface MigrationSplit {
  /** Percent of the old route's mail moved to `newRoute` now. */
  percent: number;
  /** One percentage per day of the ramp. */
  schedule: number[];
  /** 1-based day of the ramp; null before it starts and after it ends. */
  day: number | null;
  startedAt: number | null;
  /** When the next day's percentage applies. */
  nextChangeAt: number | null;
  /** Why sending in parallel is paused (a threshold crossed, or the operator). */
  pausedReason: string | null;
}

export interface MigrationHistoryEntry {
  at: number;
  kind: 'started' | 'step' | 'split' | 'paused' | 'resumed' | 'rolled-back' | 'completed' | 'imported' | 'test-sent';
  detail: string;
}

/** A migration off one provider for a set of domains. */
export interface MigrationView {
  id: number;
  provider: ProviderId;
  providerName: string;
  domains: string[];
  /** The smarthost route through the provider being left. */
  oldRoute: string;
  /** The route that takes over (normally `direct`). */
  newRoute: string;
  state: MigrationState;
  split: MigrationSplit;
  thresholds: MigrationThresholds;
  /** The rates of the last evaluation; null before any. */
  rates: MigrationRates | null;
  steps: ChecklistStep[];
  progress: { complete: number; total: number };
  spf: SpfPlan[];
  dnsChanges: DnsChange[];
  /** Queue ids of test messages sent from the checklist. */
  testMessageIds: string[];
  /** Newest first, at most 50. */
  history: MigrationHistoryEntry[];
  createdAt: number;
  updatedAt: number;
  completedAt: number | null;
}

/** A new migration: the provider's route is created (its password sealed) and the checklist starts. */
export interface MigrationInput {
  provider: ProviderId;
  domains: string[];
  /** The provider region (SES, Mailgun EU); its default otherwise. */
  region?: string;
  /**
   * The provider's SMTP credentials. For SES give the IAM access key id as `username` and the
   * secret access key as `secretAccessKey`: the SMTP password is derived from it, and only the
   * derived password is kept (sealed).
   */
  credentials: { username?: string; password?: string; secretAccessKey?: string };
  /** Changes to the provider's documented host, port or TLS (a blocked port, a lab). */
  smarthost?: { host?: string; port?: number; tls?: 'starttls' | 'implicit'; verifyCertificate?: boolean };
  /** Name of the provider's route; defaults to the provider id. */
  routeName?: string;
  /** The route that takes over; defaults to `direct`. */
  newRoute?: string;
  /** The provider's DKIM selectors for these domains, when they are account-specific (checked at cleanup). */
  oldDkimSelectors?: string[];
  /** Percent per day; defaults to a ramp over the warm-up plan's days (or 14) from 5% to 100%. */
  schedule?: number[];
  thresholds?: Partial<MigrationThresholds>;
}

/** An import of a provider's suppression export, with how its reasons were mapped. */
export interface ProviderImportReport extends SuppressionImportReport {
  format: string;
  /** Rows per Relaydesk reason (rows left out under `skipped`). */
  byReason: Record<string, number>;
  /** Rows the mapping leaves out on purpose, e.g. soft bounces. */
  skipped: number;
}

/** Which scope imported suppressions take. */
export interface ProviderImportInput {
  provider: ProviderId;
  csv: string;
  /** An export format id of the provider; detected from the header row when left out. */
  format?: string;
  scope: SuppressionScope;
  scopeValue?: string;
  dryRun?: boolean;
  /** Records the import on this migration's checklist. */
  migrationId?: number;
}
