// Runtime validation of every call and subscription at the host boundary. The
// `satisfies` clauses make a schema that drifts from contract.ts a compile error.
import { z } from 'zod';
import type { MethodName, ParamsOf, TopicName, Topics } from './contract';

const stream = z.enum(['transactional', 'bulk']);
const recipientState = z.enum(['queued', 'sending', 'deferred', 'delivered', 'bounced', 'suppressed', 'expired', 'held']);
const epochMs = z.number().int().min(0);
const rateLimit = z.strictObject({
  messages: z.number().int().min(1).max(1_000_000),
  windowMs: z.number().int().min(1000).max(86_400_000),
});
const page = {
  limit: z.number().int().min(1).max(500).optional(),
  cursor: z.string().max(200).optional(),
};
const username = z.string().min(1).max(64);
const id = z.string().min(1).max(64);
const empty = z.strictObject({});

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

const credentialPatch = credentialInput.omit({ username: true }).partial();

const sessionFilter = {
  direction: z.enum(['inbound', 'outbound']).optional(),
  remoteAddress: z.string().max(64).optional(),
  authUser: z.string().max(64).optional(),
  isActive: z.boolean().optional(),
};

export interface MethodSpec<M extends MethodName> {
  params: z.ZodType<ParamsOf<M>>;
  /** One line for `relaydesk call --list`. */
  summary: string;
}

export const methodSpecs = {
  'engine.status': { params: empty, summary: 'Listeners, sessions and queue counts.' },
  'credentials.list': {
    params: z.strictObject({ includeRevoked: z.boolean().optional() }),
    summary: 'All credentials, newest first.',
  },
  'credentials.add': { params: credentialInput, summary: 'Create a credential; returns its secret once.' },
  'credentials.update': {
    params: z.strictObject({ username, patch: credentialPatch }),
    summary: 'Change a credential\'s name, scopes, rate limit, expiry or enabled flag.',
  },
  'credentials.rotate': {
    params: z.strictObject({ username, previousValidUntil: epochMs.optional() }),
    summary: 'Issue a new secret; the old one works until previousValidUntil (default: stops now).',
  },
  'credentials.revoke': { params: z.strictObject({ username }), summary: 'Revoke a credential for good.' },
  'queue.list': {
    params: z.strictObject({
      states: z.array(recipientState).max(8).optional(),
      stream: stream.optional(),
      domain: z.string().max(255).optional(),
      messageId: id.optional(),
      address: z.string().max(320).optional(),
      ...page,
    }),
    summary: 'Recipients matching a filter, oldest first.',
  },
  'message.get': { params: z.strictObject({ id }), summary: 'One message: recipients, events, inbound transcript.' },
  'message.raw': { params: z.strictObject({ id }), summary: 'The stored raw message, base64.' },
  'sessions.list': {
    params: z.strictObject({ ...sessionFilter, ...page }),
    summary: 'SMTP sessions matching a filter, newest first.',
  },
  'sessions.get': { params: z.strictObject({ id }), summary: 'One session with its whole conversation.' },
} satisfies { [M in MethodName]: MethodSpec<M> };

export const topicSpecs = {
  'engine.status': { params: empty },
  'sessions.live': { params: z.strictObject(sessionFilter) },
  'transcript.lines': { params: z.strictObject({ sessionId: id.optional() }) },
} satisfies { [T in TopicName]: { params: z.ZodType<Topics[T]['params']> } };

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methodSpecs, name);
}

export function isTopicName(name: string): name is TopicName {
  return Object.hasOwn(topicSpecs, name);
}

/** Incoming frames from an untrusted transport. */
export const clientFrameSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('call'), id: z.number().int().min(0), method: z.string().max(100), params: z.unknown() }),
  z.strictObject({ type: z.literal('sub'), id: z.number().int().min(0), topic: z.string().max(100), params: z.unknown() }),
  z.strictObject({ type: z.literal('unsub'), id: z.number().int().min(0) }),
  z.strictObject({ type: z.literal('resync'), id: z.number().int().min(0) }),
]);
