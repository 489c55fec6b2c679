// Migration capability: provider playbooks, per-migration checklists verified against DNS and
// the queue, parallel sending along a ramp, provider-format suppression imports and webhooks.
export { MigrationService } from './service';
export type { MigrationDeps } from './service';
export type { WebhookHealth } from './check-context';
export { PLAYBOOKS, playbook, SES_REGIONS } from './providers/index';
export { sesSmtpPassword } from './ses-password';
export { WEBHOOK_FORMATTERS, ONE_EVENT_PER_REQUEST, mandrillSignature } from './webhook-formats/index';
export type { FormattedRequest, FormatContext } from './webhook-formats/index';
export { rampSchedule } from './ramp';
export { countLookups, parseSpf } from './spf';
