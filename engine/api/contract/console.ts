// What the operations console shows beyond raw records: live per-minute counts, top
// destinations, the queue's shape, alerts and a message's parts for preview. Types only.
import type { RecipientState, Stream } from './common';

/** Counts for one minute (UTC). */
export interface MinuteStats {
  /** Epoch ms of the minute's start. */
  minute: number;
  accepted: number;
  rejected: number;
  delivered: number;
  deferred: number;
  bounced: number;
  suppressed: number;
  expired: number;
}

/** The last hour, a point per minute, oldest first. */
export interface LiveStats {
  minutes: MinuteStats[];
}

/** A destination domain with waiting mail or recent activity. */
export interface TopDestination {
  domain: string;
  queued: number;
  deferred: number;
  held: number;
  deliveredLastHour: number;
  deferredLastHour: number;
  bouncedLastHour: number;
}

/**
 * The queue by destination and age, as Postfix's qshape prints it: minutes since each
 * recipient was queued, in buckets that double (0-5, 5-10, ... 640-1280, over 1280).
 */
export interface QueueShape {
  bucketLabels: string[];
  /** Upper bound (minutes) of each bucket; the last is open-ended (null). */
  bucketMaxMinutes: Array<number | null>;
  rows: Array<{ domain: string; total: number; buckets: number[] }>;
  /** Column sums over every domain, not only the listed ones. */
  totals: number[];
  total: number;
}

/** Something the operator should know now. */
export interface AlertView {
  id: number;
  at: number;
  /** `domain`: a sending domain's status changed (verified, or failing with the first problem). */
  kind: 'quota' | 'blocklist' | 'queue-stalled' | 'certificate' | 'throttle' | 'domain' | 'migration';
  /** `info`: good news worth a line (a domain became verified); nothing to do. */
  level: 'info' | 'warning' | 'critical';
  message: string;
  /** For `blocklist` alerts: what is listed on which list, and the list's delisting page. */
  blocklist?: BlocklistAlert;
}

export interface BlocklistAlert {
  target: string;
  list: string;
  delistUrl: string | null;
}

/** An attachment's description; its bytes come from `message.attachment`. */
export interface AttachmentView {
  index: number;
  filename: string | null;
  contentType: string;
  size: number;
  contentId: string | null;
  isInline: boolean;
}

/** A message decoded for reading: the console shows HTML only in a sandboxed frame. */
export interface MessageParts {
  id: string;
  subject: string | null;
  from: string | null;
  to: string | null;
  cc: string | null;
  date: string | null;
  text: string | null;
  html: string | null;
  attachments: AttachmentView[];
}

/** How a queue page is ordered; every order is served by an index. */
export type QueueSort = 'createdAt' | 'nextAttemptAt' | 'updatedAt';

/** Why a recipient is where it is, in the words an operator needs. */
export interface RecipientExplanation {
  recipientId: number;
  state: RecipientState;
  stream: Stream;
  /** e.g. "Deferred: Gmail is rate-limiting; next attempt at 14:05 (attempt 3 of about 27)". */
  headline: string;
  details: string[];
}
