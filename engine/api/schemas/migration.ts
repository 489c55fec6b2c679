// Schemas of provider migrations: playbooks, the checklist, parallel sending, provider imports and webhook shapes.
import { z } from 'zod';
import { empty } from './primitives';

const provider = z.enum(['sendgrid', 'mailgun', 'ses', 'postmark', 'brevo', 'mandrill']);
const migrationId = z.number().int().min(1);
const routeName = z.string().min(1).max(40);
const address = z.string().min(3).max(320);
const step = z.enum([
  'old-route', 'routing-old', 'domains-added', 'dns-spf', 'dns-dkim', 'dns-dmarc', 'dns-return-path', 'suppressions', 'test-message',
  'webhooks', 'parallel-sending', 'rates', 'warmup-day', 'cutover', 'dns-cleanup', 'remove-old-route',
]);
const rate = z.number().min(0).max(1);

export const migrationMethodSpecs = {
  'migration.providers': { params: empty, summary: 'Provider playbooks: smarthost, DNS records, export formats, webhook shapes.' },
  'migration.sesPassword': {
    params: z.strictObject({ secretAccessKey: z.string().min(1).max(200), region: z.string().min(1).max(40) }),
    summary: 'Derive the Amazon SES SMTP password of an IAM secret access key in a region.',
  },
  'migration.start': {
    params: z.strictObject({
      provider,
      domains: z.array(z.string().min(1).max(253)).min(1).max(100),
      region: z.string().min(1).max(40).optional(),
      credentials: z.strictObject({ username: z.string().max(320).optional(), password: z.string().max(1000).optional(), secretAccessKey: z.string().max(200).optional() }),
      smarthost: z.strictObject({
        host: z.string().min(1).max(253).optional(),
        port: z.number().int().min(1).max(65535).optional(),
        tls: z.enum(['starttls', 'implicit']).optional(),
        verifyCertificate: z.boolean().optional(),
      }).optional(),
      routeName: routeName.optional(),
      newRoute: routeName.optional(),
      oldDkimSelectors: z.array(z.string().min(1).max(63)).max(20).optional(),
      schedule: z.array(z.number().min(0).max(100)).min(1).max(120).optional(),
      thresholds: z.strictObject({
        maxBounceRate: rate.optional(),
        maxComplaintRate: rate.optional(),
        maxDeferralRate: rate.optional(),
        windowDays: z.number().int().min(1).max(90).optional(),
        minVolume: z.number().int().min(0).max(1_000_000).optional(),
      }).optional(),
    }),
    summary: 'Start a migration off a provider: its route, the domains routed through it, the checklist.',
  },
  'migration.list': { params: empty, summary: 'Every migration, newest first.' },
  'migration.get': { params: z.strictObject({ id: migrationId }), summary: 'One migration with its checklist.' },
  'migration.verify': { params: z.strictObject({ id: migrationId }), summary: 'Run every automatic check of a migration now.' },
  'migration.markStep': {
    params: z.strictObject({ id: migrationId, step, status: z.enum(['done', 'skipped', 'pending']), note: z.string().max(1000).optional() }),
    summary: 'Mark a checklist step done or skipped by hand (pending hands it back to its check).',
  },
  'migration.sendTest': {
    params: z.strictObject({ id: migrationId, from: address, to: z.array(address).min(1).max(10), subject: z.string().max(200).optional() }),
    summary: 'Queue a test message through the new route.',
  },
  'migration.startSplit': { params: z.strictObject({ id: migrationId }), summary: 'Start sending in parallel along the ramp.' },
  'migration.pauseSplit': { params: z.strictObject({ id: migrationId, reason: z.string().max(500).optional() }), summary: 'Pause parallel sending (all mail back to the old provider).' },
  'migration.resumeSplit': { params: z.strictObject({ id: migrationId }), summary: 'Resume parallel sending.' },
  'migration.evaluate': { params: z.strictObject({ id: migrationId }), summary: 'Apply today\'s split and check the thresholds now.' },
  'migration.rollback': { params: z.strictObject({ id: migrationId, reason: z.string().max(500).optional() }), summary: 'Send everything through the old provider again.' },
  'migration.complete': { params: z.strictObject({ id: migrationId }), summary: 'Cut over: the domains\' mail goes through the new route only.' },
  'migration.importSuppressions': {
    params: z.strictObject({
      provider,
      csv: z.string().max(50 * 1024 * 1024),
      format: z.string().min(1).max(60).optional(),
      scope: z.enum(['global', 'stream', 'domain']),
      scopeValue: z.string().max(253).optional(),
      dryRun: z.boolean().optional(),
      migrationId: migrationId.optional(),
    }),
    summary: 'Import a provider\'s suppression export (its CSV layout); dryRun only reports.',
  },
  'migration.webhookFormats': { params: empty, summary: 'The webhook endpoints that receive a provider\'s payload shape.' },
  'migration.webhookFormat': {
    params: z.strictObject({ webhookId: z.number().int().min(1), provider: provider.nullable() }),
    summary: 'Send an endpoint\'s webhooks shaped like a provider\'s (null: Relaydesk\'s own).',
  },
};
