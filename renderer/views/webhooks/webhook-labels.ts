// The words the Webhooks page uses for endpoints, their filters and attempts.
import type { WebhookAttemptView, WebhookDeliveryView, WebhookFormat, WebhookView } from '../../../engine/api/contract';
import type { BadgeTone } from '../../components/badge';
import { formatPercent, formatRelative } from '../../lib/format';
import { plural, STREAM_LABELS } from '../../lib/labels';

export const FORMAT_LABELS: Record<WebhookFormat, string> = {
  json: 'JSON array (application/json)',
  jsonl: 'JSON Lines (application/x-ndjson)',
};

export const DELIVERY_STATE_TONES: Record<WebhookDeliveryView['state'], BadgeTone> = { pending: 'info', delivered: 'ok', failed: 'bad' };

export function endpointState(webhook: WebhookView): { tone: BadgeTone; text: string } {
  if (!webhook.isEnabled) return { tone: 'neutral', text: webhook.pending ? 'Disabled, keeping events' : 'Disabled' };
  if (webhook.consecutiveFailures > 0) return { tone: 'bad', text: `Failing (${plural(webhook.consecutiveFailures, 'attempt')})` };
  return { tone: 'ok', text: 'Enabled' };
}

export function eventFilterText(webhook: Pick<WebhookView, 'eventTypes'>): string {
  return webhook.eventTypes.length ? webhook.eventTypes.join(', ') : 'every event type';
}

export function scopeFilterText(webhook: Pick<WebhookView, 'streams' | 'senderDomains'>): string {
  const streams = webhook.streams.length ? webhook.streams.map((stream) => STREAM_LABELS[stream]).join(' and ') : 'both streams';
  const domains = webhook.senderDomains.length ? `from ${webhook.senderDomains.join(', ')}` : 'any sender domain';
  return `${streams}, ${domains}`;
}

/** "97 % of the last 100 attempts"; null before the first attempt. */
export function successRateText(recent: WebhookView['recent']): string | null {
  if (recent.attempts === 0) return null;
  return `${formatPercent(recent.succeeded / recent.attempts)} of the last ${plural(recent.attempts, 'attempt')}`;
}

/** The HTTP status, or why there was none. */
export function attemptStatusText(attempt: WebhookAttemptView): string {
  return attempt.status === null ? 'no response' : String(attempt.status);
}

/** When the failing queue is tried again; null when nothing waits for a retry. */
export function nextRetryText(webhook: WebhookView, now: number): string | null {
  if (webhook.nextAttemptAt === null) return null;
  if (!webhook.isEnabled) return 'when enabled';
  return webhook.nextAttemptAt > now ? formatRelative(webhook.nextAttemptAt, now) : 'due now';
}
