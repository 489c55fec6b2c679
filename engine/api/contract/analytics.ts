// Analytics rollups (hour and day, by stream, recipient provider and sender domain),
// log retention and message search. Types only.
import type { PageRequest, RecipientState, Stream } from './common';

/** Recipient mailbox providers, told apart by MX host (or well-known domain when no MX is known). */
export type Provider = 'gmail' | 'outlook' | 'yahoo' | 'icloud' | 'other';

/** What analytics rows can be split by. */
export type AnalyticsDimension = 'stream' | 'provider' | 'senderDomain';

/** Which rollups to read. */
export interface AnalyticsQuery {
  granularity: 'hour' | 'day';
  /** Buckets starting at or after this (epoch ms, UTC). */
  from: number;
  /** Buckets starting before this. */
  to: number;
  stream?: Stream;
  provider?: Provider;
  senderDomain?: string;
  /** Split each bucket by these; omitted = one row per bucket. */
  groupBy?: AnalyticsDimension[];
}

/** Counts of recipients (accepted counts each recipient; opens and clicks exclude machine hits). */
export interface AnalyticsCounts {
  accepted: number;
  delivered: number;
  deferred: number;
  bounced: number;
  expired: number;
  suppressed: number;
  complaints: number;
  opens: number;
  clicks: number;
  unsubscribes: number;
}

/** Accepted-to-delivered times; each within 5% of the exact value (histogram bins 10% wide). */
export interface DeliveryTimes {
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
}

/** One bucket (and group, when split). */
export interface AnalyticsRow extends AnalyticsCounts {
  bucketAt: number;
  /** Null when the rows are not split by this dimension. */
  stream: Stream | null;
  provider: Provider | null;
  senderDomain: string | null;
  /** delivered / (delivered + bounced + expired); null when nothing finished. */
  deliveryRate: number | null;
  /** bounced / (delivered + bounced + expired). */
  bounceRate: number | null;
  /** complaints / delivered. */
  complaintRate: number | null;
  /** Null when nothing was delivered. */
  timeToDeliver: DeliveryTimes | null;
}

/** Rows oldest first, with totals over the whole range (bucketAt = from, dimensions null). */
export interface AnalyticsReport {
  rows: AnalyticsRow[];
  totals: AnalyticsRow;
  /** Stored events not yet counted (non-zero for a moment after activity, or during a rebuild). */
  pendingEvents: number;
}

/** How long one stream's records are kept. */
export interface StreamRetention {
  /** Message bodies and SMTP transcripts: 3, 5, 15, 30 or any whole number of days (1-3650). */
  bodyDays: number;
  /** Message metadata, recipients, attempts and events (at least bodyDays). */
  metadataDays: number;
}

export type RetentionSettings = Record<Stream, StreamRetention>;

/** What one purge removed. */
export interface RetentionRunView {
  startedAt: number;
  finishedAt: number;
  bodiesPurged: number;
  /** Sessions whose transcript was deleted. */
  transcriptsPurged: number;
  messagesDeleted: number;
  eventsDeleted: number;
  sessionsDeleted: number;
  webhookRecordsDeleted: number;
  /** Opens and clicks whose link, IP address and user agent were removed at body retention. */
  trackingDetailsPurged: number;
  /** Inbound reports whose fields (the received report's content) were removed at body retention. */
  reportFieldsPurged: number;
  /** Opens, clicks and unsubscribes deleted with their message, or past the metadata days once it was gone. */
  trackingEventsDeleted: number;
  /** Inbound reports deleted with their message, or past the metadata days when they matched none. */
  inboundReportsDeleted: number;
  /** What deleted messages were composed with (template, category, tags, metadata). */
  messageExtrasDeleted: number;
  /** Store transactions used; each is small so ingest never waits long. */
  batches: number;
  longestBatchMs: number;
}

export interface RetentionView {
  settings: RetentionSettings;
  lastRun: RetentionRunView | null;
  isRunning: boolean;
}

/** Message search; every given criterion must hold. */
export interface MessageSearch extends PageRequest {
  /** A recipient address (exact, any case), or `@domain` for every recipient at a domain. */
  recipient?: string;
  /** Part of the envelope sender, any case (an address, a domain, a local part). */
  sender?: string;
  /** Part of the subject, any case. */
  subject?: string;
  /** A queue id, or a Message-ID header with or without its angle brackets. */
  messageId?: string;
  /** Messages with at least one recipient in this state. */
  state?: RecipientState;
  stream?: Stream;
  /** Received at or after (epoch ms). */
  from?: number;
  /** Received before (epoch ms). */
  to?: number;
}

/** A message as search lists it, newest first. */
export interface MessageSummary {
  id: string;
  receivedAt: number;
  stream: Stream;
  mailFrom: string;
  subject: string | null;
  messageIdHeader: string | null;
  size: number;
  recipientCount: number;
  /** How many of its recipients are in each state. */
  states: Partial<Record<RecipientState, number>>;
  /** False once retention purged the body. */
  isRawAvailable: boolean;
}
