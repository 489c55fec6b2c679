// Schemas of the engine, credential, message and session methods.
import { z } from 'zod';
import { empty, epochMs, id, page, rateLimit, recipientState, stream, username } from './primitives';

const credentialInput = z.strictObject({
  name: z.string().min(1).max(100),
  username: username.optional(),
  senderDomains: z.array(z.string().max(255)).max(100).optional(),
  stream: stream.optional(),
  clientNetworks: z.array(z.string().max(64)).max(100).optional(),
  rateLimit: rateLimit.optional(),
  expiresAt: epochMs.nullable().optional(),
  isEnabled: z.boolean().optional(),
});

export const sessionFilter = {
  direction: z.enum(['inbound', 'outbound']).optional(),
  remoteAddress: z.string().max(64).optional(),
  authUser: z.string().max(64).optional(),
  isActive: z.boolean().optional(),
};

export const queueFilter = z.strictObject({
  states: z.array(recipientState).max(8).optional(),
  stream: stream.optional(),
  domain: z.string().max(255).optional(),
  messageId: id.optional(),
  address: z.string().max(320).optional(),
});

export const coreMethodSpecs = {
  'engine.status': { params: empty, summary: 'Listeners, sessions, delivery mode and queue counts.' },
  'credentials.list': {
    params: z.strictObject({ includeRevoked: z.boolean().optional() }),
    summary: 'All credentials, newest first.',
  },
  'credentials.add': { params: credentialInput, summary: 'Create a credential; returns its secret once.' },
  'credentials.update': {
    params: z.strictObject({ username, patch: credentialInput.omit({ username: true }).partial() }),
    summary: 'Change a credential\'s name, scopes, rate limit, expiry or enabled flag.',
  },
  'credentials.rotate': {
    params: z.strictObject({ username, previousValidUntil: epochMs.optional() }),
    summary: 'Issue a new secret; the old one works until previousValidUntil (default: stops now).',
  },
  'credentials.revoke': { params: z.strictObject({ username }), summary: 'Revoke a credential for good.' },
  'queue.list': {
    params: z.strictObject({
      ...queueFilter.shape, ...page,
      sort: z.enum(['createdAt', 'nextAttemptAt', 'updatedAt']).optional(),
      order: z.enum(['asc', 'desc']).optional(),
    }),
    summary: 'Recipients matching a filter, a page at a time, with the total count.',
  },
  'queue.shape': {
    params: z.strictObject({ stream: stream.optional(), states: z.array(z.enum(['queued', 'deferred', 'held'])).min(1).max(3).optional(), limit: z.number().int().min(1).max(500).optional() }),
    summary: 'The queue by destination and age (Postfix qshape).',
  },
  'message.explain': { params: z.strictObject({ id }), summary: 'Why each recipient of a message is where it is.' },
  'message.parts': { params: z.strictObject({ id }), summary: 'The message decoded: text, HTML and attachment list.' },
  'message.attachment': { params: z.strictObject({ id, index: z.number().int().min(0).max(1000) }), summary: 'One attachment, base64.' },
  'stats.minutes': { params: empty, summary: 'Accepted, delivered, deferred, bounced per minute over the last hour.' },
  'stats.topDestinations': { params: z.strictObject({ limit: z.number().int().min(1).max(100).optional() }), summary: 'Destinations with the most waiting mail and recent activity.' },
  'alerts.list': { params: z.strictObject({ limit: z.number().int().min(1).max(200).optional() }), summary: 'Recent alerts, newest first.' },
  'message.get': { params: z.strictObject({ id }), summary: 'One message: recipients, attempts, events, inbound transcript.' },
  'message.raw': { params: z.strictObject({ id }), summary: 'The stored raw message, base64.' },
  'sessions.list': {
    params: z.strictObject({ ...sessionFilter, ...page }),
    summary: 'SMTP sessions matching a filter, newest first.',
  },
  'sessions.get': { params: z.strictObject({ id }), summary: 'One session with its whole conversation.' },
};
