// Schemas of queue actions, routes, routing, pauses and DKIM.
import { z } from 'zod';
import { empty, epochMs } from './primitives';
import { queueFilter } from './core';

const routeName = z.string().min(1).max(40);
const selection = z.strictObject({
  recipientIds: z.array(z.number().int().min(1)).min(1).max(10_000).optional(),
  filter: queueFilter.optional(),
});
const queueAction = z.enum(['hold', 'release', 'retryNow', 'bounce', 'delete']);
const pauseKind = z.enum(['stream', 'domain', 'route', 'source']);

export const deliveryMethodSpecs = {
  'queue.preview': { params: z.strictObject({ action: queueAction, selection }), summary: 'Count the recipients an action would change.' },
  'queue.act': { params: z.strictObject({ action: queueAction, selection }), summary: 'Hold, release, retry now, bounce or delete recipients by id or filter.' },
  'routes.list': { params: empty, summary: 'Every route.' },
  'routes.save': {
    params: z.strictObject({
      name: routeName,
      smarthost: z.strictObject({
        host: z.string().min(1).max(253),
        port: z.number().int().min(1).max(65535),
        tls: z.enum(['starttls', 'implicit', 'none']),
        username: z.string().max(320).nullable().optional(),
        password: z.string().max(1000).optional(),
        verifyCertificate: z.boolean().optional(),
        maxConnections: z.number().int().min(1).max(1000).nullable().optional(),
      }),
    }),
    summary: 'Create or replace a smarthost route (the password is sealed at rest).',
  },
  'routes.remove': { params: z.strictObject({ name: routeName }), summary: 'Remove a smarthost route no rule uses.' },
  'routing.get': { params: empty, summary: 'The routing rules.' },
  'routing.set': {
    params: z.strictObject({
      defaultRoute: routeName,
      byStream: z.strictObject({ transactional: routeName.optional(), bulk: routeName.optional() }),
      bySenderDomain: z.record(z.string().max(253), routeName),
      split: z.strictObject({ from: routeName, to: routeName, percent: z.number().min(0).max(100) }).nullable(),
    }),
    summary: 'Replace the routing rules (sender domain, stream, default, then a percentage split).',
  },
  'delivery.pause': {
    params: z.strictObject({ kind: pauseKind, target: z.string().min(1).max(253), reason: z.string().max(500).optional(), until: epochMs.nullable().optional() }),
    summary: 'Pause a stream, destination domain, route or source address.',
  },
  'delivery.resume': { params: z.strictObject({ kind: pauseKind, target: z.string().min(1).max(253) }), summary: 'Resume what was paused.' },
  'dkim.list': { params: empty, summary: 'DKIM keys of sending domains.' },
  'dkim.generate': {
    params: z.strictObject({ domain: z.string().min(1).max(253), selector: z.string().min(1).max(63), algorithm: z.enum(['rsa-sha256', 'ed25519-sha256']).optional() }),
    summary: 'Generate and activate a DKIM key; publish the returned TXT record.',
  },
};

