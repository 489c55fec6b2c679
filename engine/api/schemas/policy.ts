// Schemas of suppressions, throttles, quota and warm-up.
import { z } from 'zod';
import { empty, epochMs, page } from './primitives';

const scope = z.enum(['global', 'stream', 'domain']);
const reason = z.enum(['hard-bounce', 'complaint', 'unsubscribe', 'manual', 'import']);
const limit = z.number().int().min(1).max(10_000_000).nullable();
const address = z.string().min(3).max(320);

export const policyMethodSpecs = {
  'throttles.list': { params: empty, summary: 'Throttle rules and what applies to busy destinations now.' },
  'throttles.setRule': {
    params: z.strictObject({
      scope: z.enum(['default', 'provider', 'domain']),
      match: z.string().max(253),
      label: z.string().max(100),
      maxConnections: limit,
      messagesPerConnection: limit,
      messagesPerMinute: limit,
      messagesPerHour: limit,
    }),
    summary: 'Create or replace a throttle rule (default, provider by MX suffix, or domain).',
  },
  'throttles.removeRule': {
    params: z.strictObject({ scope: z.enum(['default', 'provider', 'domain']), match: z.string().max(253) }),
    summary: 'Remove an operator throttle rule.',
  },
  'suppressions.list': {
    params: z.strictObject({ search: z.string().max(320).optional(), scope: scope.optional(), reason: reason.optional(), ...page }),
    summary: 'Suppressed addresses, newest first.',
  },
  'suppressions.add': {
    params: z.strictObject({ addresses: z.array(address).min(1).max(10_000), scope, scopeValue: z.string().max(253).optional(), detail: z.string().max(1000).optional() }),
    summary: 'Suppress addresses by hand.',
  },
  'suppressions.remove': { params: z.strictObject({ ids: z.array(z.number().int().min(1)).min(1).max(10_000) }), summary: 'Lift suppressions.' },
  'suppressions.import': {
    params: z.strictObject({ csv: z.string().max(50 * 1024 * 1024), scope, scopeValue: z.string().max(253).optional(), reason: reason.optional(), dryRun: z.boolean().optional() }),
    summary: 'Import suppressions from CSV; dryRun reports without changing anything.',
  },
  'suppressions.export': { params: z.strictObject({ scope: scope.optional(), reason: reason.optional() }), summary: 'Export suppressions as CSV.' },
  'quota.get': { params: empty, summary: 'Global send rate, daily quota and today\'s count.' },
  'quota.set': {
    params: z.strictObject({ messagesPerSecond: z.number().min(0.1).max(100_000).nullable(), dailyLimit: z.number().int().min(1).max(100_000_000).nullable() }),
    summary: 'Change the global send rate and daily quota.',
  },
  'warmup.list': { params: empty, summary: 'Warm-up plans per source address.' },
  'warmup.set': {
    params: z.strictObject({
      sourceAddress: z.string().min(2).max(64),
      days: z.number().int().min(1).max(120).optional(),
      dailyCaps: z.array(z.number().int().min(1)).min(1).max(120).optional(),
      overflow: z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('hold') }), z.strictObject({ kind: z.literal('route'), route: z.string().min(1).max(40) })]).optional(),
      startedAt: epochMs.optional(),
    }),
    summary: 'Create or replace a warm-up plan for a source address.',
  },
  'warmup.remove': { params: z.strictObject({ sourceAddress: z.string().min(2).max(64) }), summary: 'End a warm-up plan.' },
};
