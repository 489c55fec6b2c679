// The Email API's request and response bodies as zod schemas: they validate requests, type
// the handlers' answers, and generate the OpenAPI document, so the three cannot disagree.
import { z } from 'zod';
import { parseAddress } from './addresses';

const address = z.union([
  z.string().max(998).describe('"Ada Lovelace <ada@example.com>" or "ada@example.com"'),
  z.strictObject({ email: z.string().max(320), name: z.string().max(200).optional() }),
]).transform((value, context) => {
  const parsed = parseAddress(value);
  if (!parsed) {
    context.addIssue({ code: 'custom', message: 'must be one address such as "Ada <ada@example.com>" with a valid domain' });
    return z.NEVER;
  }
  return parsed;
});

const recipients = z.union([address, z.array(address).min(1).max(1000)]).transform((value) => (Array.isArray(value) ? value : [value]));

/** RFC 5322 §3.6: these fields are set from the request's own properties, or by the relay. */
const RESERVED_HEADERS = /^(from|to|cc|bcc|reply-to|sender|subject|date|message-id|mime-version|content-.*|received|return-path|dkim-signature|x-relaydesk-.*)$/i;

const headers = z.record(z.string(), z.string().max(998).refine((value) => !/[\r\n]/.test(value), 'must be one line: no CR or LF'))
  .superRefine((value, context) => {
    const names = Object.keys(value);
    if (names.length > 50) context.addIssue({ code: 'custom', message: `has ${names.length} headers; at most 50` });
    for (const name of names) {
      if (!/^[!-9;-~]{1,76}$/.test(name)) context.addIssue({ code: 'custom', path: [name], message: 'the name is not a header field name (printable ASCII, no colon)' });
      else if (RESERVED_HEADERS.test(name)) context.addIssue({ code: 'custom', path: [name], message: 'this header is set by the API itself; use the request\'s own property' });
    }
  });

const scalar = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]);

const attachment = z.strictObject({
  filename: z.string().min(1).max(255),
  content: z.string().describe('The file, base64').refine((value) => /^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(value), 'must be base64'),
  contentType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a media type such as application/pdf').optional(),
  /** An inline image referenced from the HTML as cid:<cid>. */
  cid: z.string().min(1).max(255).regex(/^[^<>\s]+$/, 'must not contain <, > or spaces').optional(),
});

const template = z.strictObject({
  id: z.number().int().min(1).optional(),
  name: z.string().min(1).max(100).optional(),
  /** A saved version; the current one when left out. */
  version: z.number().int().min(1).optional(),
  variables: z.record(z.string().max(200), z.unknown()).optional(),
}).refine((value) => (value.id === undefined) !== (value.name === undefined), 'give exactly one of id or name');

export const sendMessage = z.strictObject({
  from: address,
  to: recipients,
  cc: recipients.optional(),
  bcc: recipients.optional(),
  replyTo: address.optional(),
  subject: z.string().max(998).optional(),
  text: z.string().optional(),
  html: z.string().optional(),
  attachments: z.array(attachment).max(100).optional(),
  headers: headers.optional(),
  /** Must be the token's stream when given. */
  stream: z.enum(['transactional', 'bulk']).optional(),
  category: z.string().min(1).max(100).optional(),
  tags: z.array(z.string().min(1).max(100)).max(20).optional(),
  /** Custom variables: kept with the message and returned with its status. */
  metadata: z.record(z.string().min(1).max(100), scalar).refine((value) => Object.keys(value).length <= 50, 'at most 50 keys').optional(),
  template: template.optional(),
  /** Overrides the stream's tracking defaults for this message. */
  tracking: z.strictObject({ opens: z.boolean().optional(), clicks: z.boolean().optional() }).optional(),
}).superRefine((message, context) => {
  if (message.template) {
    for (const field of ['subject', 'text', 'html'] as const) {
      if (message[field] !== undefined) context.addIssue({ code: 'custom', path: [field], message: 'comes from the template; leave it out' });
    }
    return;
  }
  if (message.subject === undefined) context.addIssue({ code: 'custom', path: ['subject'], message: 'is required (or use a template)' });
  if (message.text === undefined && message.html === undefined) context.addIssue({ code: 'custom', path: ['text'], message: 'give text or html, or both (or use a template)' });
});

export type SendMessage = z.output<typeof sendMessage>;

export const MAX_BATCH = 500;

/** The batch envelope; each message is validated on its own so one bad message fails alone. */
export const batchRequest = z.strictObject({ messages: z.array(z.unknown()).min(1).max(MAX_BATCH) });

export const apiError = z.object({
  code: z.string().describe('validation, unauthorized, forbidden, not_found, conflict, rate_limited, too_large, unavailable, internal'),
  message: z.string(),
  retryable: z.boolean(),
  details: z.record(z.string(), z.unknown()).optional(),
});

export const errorBody = z.object({ error: apiError });

export const sendResult = z.object({
  id: z.string().describe('The queue id: GET /api/messages/{id}'),
  messageId: z.string().describe('The Message-ID header'),
  stream: z.enum(['transactional', 'bulk']),
  recipients: z.array(z.object({ address: z.string(), state: z.enum(['queued', 'suppressed']), reason: z.string().nullable() })),
  template: z.object({ id: z.number(), name: z.string(), version: z.number() }).nullable(),
  warnings: z.array(z.string()),
});
export type SendResult = z.output<typeof sendResult>;

export const batchResult = z.object({
  accepted: z.number().int(),
  failed: z.number().int(),
  results: z.array(z.union([
    z.object({ index: z.number().int(), ok: z.literal(true), result: sendResult }),
    z.object({ index: z.number().int(), ok: z.literal(false), error: apiError }),
  ])),
});
export type BatchResult = z.output<typeof batchResult>;

export const messageStatus = z.object({
  id: z.string(),
  messageId: z.string().nullable(),
  source: z.enum(['smtp', 'api', 'dsn']),
  stream: z.enum(['transactional', 'bulk']),
  from: z.string(),
  subject: z.string().nullable(),
  receivedAt: z.number().int().describe('epoch ms'),
  template: z.object({ id: z.number(), version: z.number() }).nullable(),
  category: z.string().nullable(),
  tags: z.array(z.string()),
  metadata: z.record(z.string(), scalar),
  recipients: z.array(z.object({
    address: z.string(),
    state: z.enum(['queued', 'sending', 'deferred', 'delivered', 'bounced', 'suppressed', 'expired', 'held']),
    attempts: z.number().int(),
    lastReply: z.string().nullable(),
    reason: z.string().nullable(),
    updatedAt: z.number().int(),
  })),
  tracking: z.object({
    opens: z.number().int().describe('by readers; automated ones are counted apart'),
    clicks: z.number().int(),
    automatedOpens: z.number().int(),
    automatedClicks: z.number().int(),
    firstOpenedAt: z.number().int().nullable(),
    isUnsubscribed: z.boolean(),
  }),
});
export type MessageStatus = z.output<typeof messageStatus>;
