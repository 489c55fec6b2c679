// Suppressions, throttles, quota and warm-up. Types only.

/** Where a suppression applies: everywhere, to one stream, or to one sender domain. */
export type SuppressionScope = 'global' | 'stream' | 'domain';

/** Why an address is suppressed. Hard bounces and complaints are global. */
export type SuppressionReason = 'hard-bounce' | 'complaint' | 'unsubscribe' | 'manual' | 'import';

/** One suppressed address. */
export interface SuppressionView {
  id: number;
  address: string;
  scope: SuppressionScope;
  /** The stream or sender domain for scoped entries; '' for global. */
  scopeValue: string;
  reason: SuppressionReason;
  /** The reply or note that caused it, verbatim. */
  detail: string | null;
  sourceMessageId: string | null;
  createdAt: number;
}

/** Limits for sending to a destination; null means no limit from this rule. */
export interface ThrottleLimits {
  maxConnections: number | null;
  messagesPerConnection: number | null;
  messagesPerMinute: number | null;
  messagesPerHour: number | null;
}

/** A throttle rule: the default, a provider (matched by MX host suffix) or one domain. */
export interface ThrottleRuleView extends ThrottleLimits {
  scope: 'default' | 'provider' | 'domain';
  /** '' for the default; an MX host suffix such as `.google.com`; a domain. */
  match: string;
  label: string;
  /** Shipped with Relaydesk (editable; removing restores the shipped values). */
  isShipped: boolean;
}

/** What Relaydesk applies to a busy destination right now, and why it differs from the rule. */
export interface EffectiveThrottle {
  key: string;
  label: string;
  configured: ThrottleLimits;
  effective: ThrottleLimits;
  /** 1 = as configured; below 1 after rate-limit replies. */
  factor: number;
  pausedUntil: number | null;
  /** Why the effective limits differ, e.g. the 421 reply that slowed it; null when they do not. */
  reason: string | null;
  /** Messages sent in the last minute. */
  sentLastMinute: number;
  activeConnections: number;
}

/** A throttle rule to create or replace (matched on scope and match). */
export type ThrottleRuleInput = Omit<ThrottleRuleView, 'isShipped'>;

/** The result of importing suppressions from CSV. */
export interface SuppressionImportReport {
  /** Rows with a valid address. */
  valid: number;
  /** New entries (0 with dryRun). */
  added: number;
  /** Already suppressed in that scope. */
  duplicates: number;
  /** Rows that could not be used, with the reason, at most 100 listed. */
  rejected: Array<{ line: number; text: string; reason: string }>;
  /** Queued or deferred recipients the new entries would suppress. */
  affectsQueued: number;
}

/** Global send rate and daily quota; at the cap mail waits (never dropped) until the window resets. */
export interface QuotaSettings {
  /** Messages per second across all routes; null = unlimited. */
  messagesPerSecond: number | null;
  /** Messages per UTC day; null = unlimited. */
  dailyLimit: number | null;
}

/** The quota now. */
export interface QuotaStatus extends QuotaSettings {
  sentToday: number;
  /** Epoch ms when the daily count resets (next 00:00 UTC). */
  resetsAt: number;
  /** 0, 80 or 100: the alert level reached today. */
  alertLevel: 0 | 80 | 100;
}

/** A warm-up plan for one source address: a daily cap that ramps up over its days. */
export interface WarmupPlanView {
  sourceAddress: string;
  startedAt: number;
  /** One cap per day; after the last day there is no cap. */
  dailyCaps: number[];
  /** What happens to mail over today's cap: wait for tomorrow, or leave through another route. */
  overflow: { kind: 'hold' } | { kind: 'route'; route: string };
  /** 1-based day of the plan today; null once finished. */
  day: number | null;
  todayCap: number | null;
  sentToday: number;
}
