// Queued mail: recipients, messages, attempts, operator actions. Types only.
import type { RecipientState, Stream } from './common';
import type { TranscriptLine } from './sessions';

/** One recipient of one message, as queue views list it. */
export interface QueueEntry {
  recipientId: number;
  messageId: string;
  address: string;
  domain: string;
  stream: Stream;
  state: RecipientState;
  attempts: number;
  nextAttemptAt: number;
  expiresAt: number;
  /** The last reply from a receiving server, verbatim. */
  lastReply: string | null;
  /** Why the recipient is in its state, in a sentence. */
  reason: string | null;
  createdAt: number;
  updatedAt: number;
  mailFrom: string;
  subject: string | null;
  size: number;
}

/** Which recipients a queue view or bulk action covers. */
export interface QueueFilter {
  states?: RecipientState[];
  stream?: Stream;
  /** Recipient domain, exact. */
  domain?: string;
  messageId?: string;
  /** Recipient address, exact (case-insensitive). */
  address?: string;
}

/** A header as it appears in the message, unfolded. */
export interface HeaderField {
  name: string;
  value: string;
}

/** A stored engine event (a fact in the past tense). */
export interface EventView {
  id: number;
  at: number;
  type: string;
  messageId: string | null;
  recipientId: number | null;
  data: Record<string, unknown>;
}

/** Everything known about one message. */
export interface MessageDetail {
  id: string;
  receivedAt: number;
  source: 'smtp' | 'api' | 'dsn';
  sessionId: string | null;
  credentialId: number | null;
  stream: Stream;
  mailFrom: string;
  senderDomain: string;
  headerFrom: string | null;
  subject: string | null;
  messageIdHeader: string | null;
  size: number;
  headers: HeaderField[];
  recipients: QueueEntry[];
  events: EventView[];
  /** The inbound SMTP conversation that submitted it; empty for API submissions. */
  transcript: TranscriptLine[];
  /** Every delivery attempt, oldest first. */
  attempts: AttemptView[];
  /** The route chosen when it was accepted. */
  route: string | null;
  /** False once retention purged the body. */
  isRawAvailable: boolean;
}

/** The raw RFC 5322 message as stored, base64 so any byte survives JSON. */
export interface MessageRaw {
  id: string;
  size: number;
  base64: string;
}

/** What an operator can do to queued recipients. */
export type QueueAction = 'hold' | 'release' | 'retryNow' | 'bounce' | 'delete';

/** Which recipients an action covers: chosen rows, or everything matching a filter. */
export interface QueueSelection {
  recipientIds?: number[];
  filter?: QueueFilter;
}

/** One delivery attempt of one recipient. */
export interface AttemptView {
  id: number;
  recipientId: number;
  at: number;
  durationMs: number;
  route: string;
  mxHost: string | null;
  mxAddress: string | null;
  localAddress: string | null;
  tlsProtocol: string | null;
  tlsCipher: string | null;
  /** Which outbound TLS policy applied and why. */
  tlsPolicy: string | null;
  /** The outbound session; its transcript is `sessions.get`. */
  sessionId: string | null;
  phase: string;
  /** The receiving server's reply, verbatim. */
  reply: string | null;
  verdict: 'delivered' | 'deferred' | 'bounced';
  category: string;
  ruleId: string;
  summary: string;
}

/** A batch of queue movements. */
export interface QueueChanges {
  changes: Array<{ recipientId: number; messageId: string; stream: Stream; domain: string; from: RecipientState; to: RecipientState; at: number; reason: string | null }>;
  acted: Array<{ action: QueueAction; affected: number; at: number }>;
  accepted: Array<{ messageId: string; stream: Stream; recipients: number; at: number }>;
  /** Too much happened in one batch to list: refetch the view. */
  isTruncated: boolean;
}
