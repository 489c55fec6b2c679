// What every provider formatter needs: the request it produces, the context it gets, and
// reading the SMTP code out of a reply.
import type { WebhookEvent } from '../../api/contract';

/** The request body for one batch of events, in a provider's shape. */
export interface FormattedRequest {
  contentType: string;
  body: string;
  /** Provider-specific headers (signatures). */
  headers: Record<string, string>;
}

export interface FormatContext {
  /** The endpoint's URL (Mandrill signs it). */
  url: string;
  /** The endpoint's Relaydesk secret, used as the provider's webhook key. */
  secret: string;
  now: number;
}

/**
 * A provider formatter; null means it has no equivalent for these events and the batch goes
 * out in Relaydesk's own shape.
 */
export type ProviderFormatter = (events: readonly WebhookEvent[], context: FormatContext) => FormattedRequest | null;

/** Providers that post one event per request: their endpoints are set to batches of one. */
export const ONE_EVENT_PER_REQUEST = new Set(['mailgun', 'ses', 'postmark', 'brevo']);

export const seconds = (ms: number): number => Math.floor(ms / 1000);

/** `550 5.1.1 No such user` → 550 and 5.1.1; nulls when the reply has neither. */
export function replyCodes(reply: string | null): { code: number | null; enhanced: string | null } {
  const match = /^(\d{3})(?:[ -](\d\.\d{1,3}\.\d{1,3}))?/.exec(reply ?? '');
  return { code: match ? Number(match[1]) : null, enhanced: match?.[2] ?? null };
}

/** The Message-ID header without its angle brackets, as several providers print it. */
export function bareMessageId(event: WebhookEvent): string | null {
  return event.message?.messageIdHeader?.replace(/^<|>$/g, '') ?? null;
}

export type Of<T extends WebhookEvent['type']> = Extract<WebhookEvent, { type: T }>;
