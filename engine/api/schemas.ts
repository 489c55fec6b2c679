// Runtime validation of every call and subscription at the host boundary. The
// `satisfies` clauses make a schema that drifts from contract.ts a compile error.
import { z } from 'zod';
import type { MethodName, ParamsOf, TopicName, Topics } from './contract';
import { empty, id } from './schemas/primitives';
import { coreMethodSpecs, sessionFilter } from './schemas/core';
import { deliveryMethodSpecs } from './schemas/delivery';
import { policyMethodSpecs } from './schemas/policy';
import { domainsMethodSpecs } from './schemas/domains';
import { messagingMethodSpecs } from './schemas/messaging';
import { webhookMethodSpecs } from './schemas/webhooks';
import { analyticsMethodSpecs } from './schemas/analytics';
import { migrationMethodSpecs } from './schemas/migration';
import { sandboxMethodSpecs } from './schemas/sandbox';

export interface MethodSpec<M extends MethodName> {
  params: z.ZodType<ParamsOf<M>>;
  /** One line for `relaydesk call --list`. */
  summary: string;
}

export const methodSpecs = {
  ...coreMethodSpecs,
  ...deliveryMethodSpecs,
  ...policyMethodSpecs,
  ...domainsMethodSpecs,
  ...messagingMethodSpecs,
  ...webhookMethodSpecs,
  ...analyticsMethodSpecs,
  ...migrationMethodSpecs,
  ...sandboxMethodSpecs,
} satisfies { [M in MethodName]: MethodSpec<M> };

export const topicSpecs = {
  'engine.status': { params: empty },
  'sessions.live': { params: z.strictObject(sessionFilter) },
  'transcript.lines': { params: z.strictObject({ sessionId: id.optional() }) },
  'queue.changes': { params: empty },
  'throttles.live': { params: empty },
  'stats.live': { params: empty },
  'alerts.live': { params: empty },
  'domains.live': { params: empty },
  'blocklists.live': { params: empty },
  'webhooks.live': { params: empty },
  'migrations.live': { params: empty },
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
