// Schemas of the webhook methods.
import { z } from 'zod';
import type { WebhookEventType } from '../contract';
import { empty, epochMs, page, stream } from './primitives';

const EVENT_TYPES = [
  'message.accepted', 'recipient.delivered', 'recipient.deferred', 'recipient.bounced', 'recipient.suppressed', 'recipient.expired',
  'recipient.opened', 'recipient.clicked', 'recipient.unsubscribed', 'recipient.complained', 'blocklist.listed', 'domain.statusChanged',
] as const satisfies readonly WebhookEventType[];

const eventType = z.enum(EVENT_TYPES);
const webhookId = z.number().int().min(1);

const webhookInput = z.strictObject({
  name: z.string().min(1).max(100),
  url: z.string().min(1).max(2000),
  isEnabled: z.boolean().optional(),
  eventTypes: z.array(eventType).max(EVENT_TYPES.length).optional(),
  streams: z.array(stream).max(2).optional(),
  senderDomains: z.array(z.string().min(1).max(253)).max(100).optional(),
  format: z.enum(['json', 'jsonl']).optional(),
  batchSize: z.number().int().min(1).max(1000).optional(),
  batchIntervalMs: z.number().int().min(0).max(60_000).optional(),
});

export const webhookMethodSpecs = {
  'webhooks.list': { params: empty, summary: 'Webhook endpoints with queue counts and the last attempt.' },
  'webhooks.get': { params: z.strictObject({ id: webhookId }), summary: 'One webhook endpoint.' },
  'webhooks.create': { params: webhookInput, summary: 'Create a webhook endpoint; returns its signing secret once.' },
  'webhooks.update': { params: z.strictObject({ id: webhookId, patch: webhookInput.partial() }), summary: 'Change a webhook endpoint (enable, disable, filters, format).' },
  'webhooks.remove': { params: z.strictObject({ id: webhookId }), summary: 'Remove a webhook endpoint with its queue and log.' },
  'webhooks.rotateSecret': { params: z.strictObject({ id: webhookId }), summary: 'Issue a new signing secret; the old one stops at once.' },
  'webhooks.attempts': { params: z.strictObject({ id: webhookId, ...page }), summary: 'Every POST to an endpoint, newest first.' },
  'webhooks.deliveries': {
    params: z.strictObject({ id: webhookId, state: z.enum(['pending', 'delivered', 'failed']).optional(), ...page }),
    summary: 'Events queued for an endpoint, newest first.',
  },
  'webhooks.test': { params: z.strictObject({ id: webhookId }), summary: 'Send a signed test event now and show the result.' },
  'webhooks.replay': {
    params: z.strictObject({ id: webhookId, from: epochMs, to: epochMs.optional(), eventTypes: z.array(eventType).max(EVENT_TYPES.length).optional() }),
    summary: 'Queue the stored events of a time range to an endpoint again.',
  },
  'webhooks.redeliver': {
    params: z.strictObject({ id: webhookId, deliveryId: z.number().int().min(1) }),
    summary: 'Queue one delivered or failed event to its endpoint again.',
  },
  'webhooks.eventTypes': { params: empty, summary: 'The public webhook event types and what each means.' },
};
