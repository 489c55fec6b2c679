// Handlers of queue actions, routes, routing, pauses and DKIM keys.
import type { EngineServices } from '../services';
import type { HandlersOf } from './types';

type DeliveryMethods = 'queue.preview' | 'queue.act' | `routes.${string}` | `routing.${string}` | `delivery.${string}` | `dkim.${string}`;

export function deliveryHandlers({ actions, routes, pauses, dkim, wakeDelivery }: EngineServices): HandlersOf<DeliveryMethods> {
  return {
    'queue.preview': async ({ action, selection }) => ({ count: actions.preview(action, selection) }),
    'queue.act': ({ action, selection }) => actions.apply(action, selection),
    'routes.list': async () => routes.list(),
    'routes.save': (input) => routes.save(input),
    'routes.remove': async ({ name }) => {
      await routes.remove(name);
      return { removed: true };
    },
    'routing.get': async () => routes.getRules(),
    'routing.set': (rules) => routes.setRules(rules),
    'delivery.pause': ({ kind, target, reason, until }) => pauses.pause(kind, target, reason ?? 'Paused by the operator.', until ?? null),
    'delivery.resume': async ({ kind, target }) => {
      const resumed = await pauses.resume(kind, target);
      wakeDelivery();
      return { resumed };
    },
    'dkim.list': async () => dkim.list(),
    'dkim.generate': ({ domain, selector, algorithm }) => dkim.generate(domain, selector, algorithm),
  };
}
