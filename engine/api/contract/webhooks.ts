// Webhooks: endpoints, the public event types and payloads they receive, and the
// log of every attempt to deliver them. Types only.
import type { Stream } from './common';

/**
 * The public, stable names of webhook events. Recipient events are one per recipient;
 * `message.accepted` is one per message.
 */
export type WebhookEventType =
  | 'message.accepted'
  | 'recipient.delivered'
  | 'recipient.deferred'
  | 'recipient.bounced'
  | 'recipient.suppressed'
  | 'recipient.expired'
  | 'recipient.opened'
  | 'recipient.clicked'
  | 'recipient.unsubscribed'
  | 'recipient.complained'
  | 'blocklist.listed'
  | 'domain.statusChanged';

/** The message an event is about, as submitted. */
export interface WebhookMessageRef {
  /** The queue id (the `250 ... queued as` id). */
  id: string;
  /** The Message-ID header. */
  messageIdHeader: string | null;
  stream: Stream;
  /** The envelope sender. */
  mailFrom: string;
  senderDomain: string;
  subject: string | null;
}

interface WebhookEventBase<T extends WebhookEventType | 'webhook.test', D> {
  /** Unique and stable: the same event replayed or retried keeps its id, so receivers can dedupe. */
  id: string;
  type: T;
  /** When it happened (epoch ms). */
  at: number;
  /** Null only for events not about a message (blocklists, domains, unmatched complaints). */
  message: WebhookMessageRef | null;
  /** The recipient address; null for message-level events or when a tracked message had several recipients. */
  recipient: string | null;
  data: D;
}

/** What a receiving server or the relay said, for delivery outcomes. */
export interface WebhookDeliveryData {
  /** The MX host or smarthost that answered; null when no connection was made. */
  mxHost: string | null;
  route: string | null;
  /** The remote reply, verbatim. */
  reply: string | null;
  /** The classifier's category, e.g. mailbox, reputation, network. */
  category: string | null;
  /** A sentence saying what happened. */
  summary: string | null;
  /** `operator` when a person bounced it from the console or CLI. */
  by: 'remote' | 'operator';
}

export interface WebhookTrackingData {
  userAgent: string | null;
  ip: string | null;
  /** A machine rather than a reader (prefetch, security scanner); such hits are not counted in analytics. */
  isAutomated: boolean;
  automatedReason: string | null;
}

export type WebhookEvent =
  | WebhookEventBase<'message.accepted', { recipients: string[]; size: number; source: string; route: string | null }>
  | WebhookEventBase<'recipient.delivered', WebhookDeliveryData>
  | WebhookEventBase<'recipient.deferred', WebhookDeliveryData>
  | WebhookEventBase<'recipient.bounced', WebhookDeliveryData>
  | WebhookEventBase<'recipient.expired', WebhookDeliveryData>
  | WebhookEventBase<'recipient.suppressed', { reason: string | null }>
  | WebhookEventBase<'recipient.opened', WebhookTrackingData>
  | WebhookEventBase<'recipient.clicked', WebhookTrackingData & { url: string }>
  | WebhookEventBase<'recipient.unsubscribed', { via: 'one-click' | 'page' | 'mailto'; senderDomain: string }>
  | WebhookEventBase<'recipient.complained', { feedbackType: string; reportedBy: string | null }>
  | WebhookEventBase<'blocklist.listed', {
    /** The relay's sending address or domain that is listed. */
    target: string;
    targetKind: 'ip' | 'domain';
    list: string;
    /** dns: found by a lookup in the list's zone; reply: a receiving server's reply named the list. */
    source: 'dns' | 'reply';
    detail: string | null;
    delistUrl: string | null;
  }>
  | WebhookEventBase<'domain.statusChanged', { domain: string; from: 'unverified' | 'verified' | 'failing' | null; to: 'unverified' | 'verified' | 'failing'; detail: string }>
  /** Sent only by `webhooks.test`, never queued. */
  | WebhookEventBase<'webhook.test', { note: string }>;

/** How events are batched into a request body. */
export type WebhookFormat =
  /** `application/json`: a JSON array of events. */
  | 'json'
  /** `application/x-ndjson`: one event per line. */
  | 'jsonl';

/** An endpoint as the operator configures it. */
export interface WebhookInput {
  name: string;
  /** http(s) URL that receives POSTs. */
  url: string;
  isEnabled?: boolean;
  /** Only these types; empty or omitted = every type. */
  eventTypes?: WebhookEventType[];
  /** Only these streams; empty = both. Events about no message always pass. */
  streams?: Stream[];
  /** Only mail from these sender domains (and their domain status); empty = every domain. Blocklist events always pass. */
  senderDomains?: string[];
  format?: WebhookFormat;
  /** Events per request (1-1000, default 100). */
  batchSize?: number;
  /** How long a partial batch waits for company before it is sent (0-60000 ms, default 1000). */
  batchIntervalMs?: number;
}

/** An endpoint with its delivery state. */
export interface WebhookView extends Required<WebhookInput> {
  id: number;
  createdAt: number;
  updatedAt: number;
  /** Events waiting, including while the endpoint is disabled. */
  pending: number;
  /** Events given up on after the retry window; `webhooks.replay` sends them again. */
  failed: number;
  /** Consecutive failed attempts; 0 when the last one succeeded. */
  consecutiveFailures: number;
  /** When the next attempt is due while failing; null when nothing waits for a retry. */
  nextAttemptAt: number | null;
  lastAttempt: WebhookAttemptView | null;
  /** The latest attempts (up to 100, tests included) and how many of them got a 2xx: a recent success rate. */
  recent: { attempts: number; succeeded: number };
}

/** A new endpoint or a new secret: the secret is shown once. */
export interface WebhookIssued {
  webhook: WebhookView;
  /** The HMAC-SHA256 key receivers verify `Relaydesk-Signature` with. */
  secret: string;
}

/** One POST to an endpoint. */
export interface WebhookAttemptView {
  id: number;
  webhookId: number;
  at: number;
  isTest: boolean;
  eventCount: number;
  /** The HTTP status; null when no response came (refused, timeout, TLS error). */
  status: number | null;
  isSuccess: boolean;
  durationMs: number;
  /** Why it failed, in a sentence; null on success. */
  error: string | null;
  /** The first 1 KB of the response body. */
  responseExcerpt: string | null;
}

/** One event queued for one endpoint. */
export interface WebhookDeliveryView {
  id: number;
  webhookId: number;
  eventId: string;
  type: WebhookEventType | 'webhook.test';
  messageId: string | null;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  createdAt: number;
  finishedAt: number | null;
  lastError: string | null;
}

/** Live changes of endpoints: an attempt was made, or an endpoint was changed. */
export type WebhookActivity =
  /** `webhook` is the endpoint as the attempt left it (backoff, next retry, counts). */
  | { kind: 'attempt'; attempt: WebhookAttemptView; webhook: WebhookView }
  | { kind: 'changed'; webhook: WebhookView }
  | { kind: 'removed'; webhookId: number };
