// Handlers of provider migrations.
import type { EngineServices } from '../services';
import type { HandlersOf } from './types';
import { ONE_EVENT_PER_REQUEST, sesSmtpPassword } from '../../migration/index';

export function migrationHandlers({ migration, webhooks }: EngineServices): HandlersOf<`migration.${string}`> {
  return {
    'migration.providers': async () => migration.providers(),
    'migration.sesPassword': async ({ secretAccessKey, region }) => ({ password: sesSmtpPassword(secretAccessKey, region) }),
    'migration.start': (input) => migration.create(input),
    'migration.list': async () => migration.list(),
    'migration.get': async ({ id }) => migration.get(id),
    'migration.verify': ({ id }) => migration.verify(id),
    'migration.markStep': ({ id, step, status, note }) => migration.markStep(id, step, status, note),
    'migration.sendTest': ({ id, from, to, subject }) => migration.sendTest(id, { from, to, ...(subject !== undefined && { subject }) }),
    'migration.startSplit': ({ id }) => migration.startSplit(id),
    'migration.pauseSplit': ({ id, reason }) => migration.pauseSplit(id, reason),
    'migration.resumeSplit': ({ id }) => migration.resumeSplit(id),
    'migration.evaluate': ({ id }) => migration.evaluate(id),
    'migration.rollback': ({ id, reason }) => migration.rollback(id, reason),
    'migration.complete': ({ id }) => migration.complete(id),
    'migration.importSuppressions': (input) => migration.importSuppressions(input),
    'migration.webhookFormats': async () => migration.webhookFormats(),
    'migration.webhookFormat': async ({ webhookId, provider }) => {
      webhooks.service.require(webhookId);
      // Postmark, Brevo, Mailgun and SNS post one event per request: receivers parse one object.
      if (provider && ONE_EVENT_PER_REQUEST.has(provider)) await webhooks.service.update(webhookId, { batchSize: 1 });
      await migration.setWebhookFormat(webhookId, provider);
      return { webhookId, provider };
    },
  };
}
