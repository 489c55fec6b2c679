// Handlers of the webhook methods.
import type { WebhookEventType } from '../contract';
import type { EngineServices } from '../services';
import type { HandlersOf } from './types';
import { WEBHOOK_EVENT_TYPES } from '../../webhooks/index';

const DEFAULT_PAGE = 50;

export function webhookHandlers({ webhooks }: EngineServices): HandlersOf<`webhooks.${string}`> {
  const { service, replay } = webhooks;
  return {
    'webhooks.list': async () => service.list(),
    'webhooks.get': async ({ id }) => service.get(id),
    'webhooks.create': (input) => service.create(input),
    'webhooks.update': ({ id, patch }) => service.update(id, patch),
    'webhooks.remove': async ({ id }) => ({ removed: await service.remove(id) }),
    'webhooks.rotateSecret': ({ id }) => service.rotateSecret(id),
    'webhooks.attempts': async ({ id, cursor, limit = DEFAULT_PAGE }) => service.attempts(id, cursor, limit),
    'webhooks.deliveries': async ({ id, state, cursor, limit = DEFAULT_PAGE }) => service.deliveries(id, state, cursor, limit),
    'webhooks.test': ({ id }) => service.test(id),
    'webhooks.replay': async ({ id, from, to, eventTypes: types }) => ({ queued: await replay.replay(id, from, to, types) }),
    'webhooks.redeliver': async ({ id, deliveryId }) => ({ queued: await service.redeliver(id, deliveryId) }),
    'webhooks.eventTypes': async () => Object.entries(WEBHOOK_EVENT_TYPES).map(([type, description]) => ({ type: type as WebhookEventType, description })),
  };
}
