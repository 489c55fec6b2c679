// Handlers of suppressions, throttles, quota and warm-up.
import type { EngineServices } from '../services';
import type { HandlersOf } from './types';

type PolicyMethods = `suppressions.${string}` | `throttles.${string}` | `quota.${string}` | `warmup.${string}`;

const DEFAULT_PAGE = 50;

export function policyHandlers({ suppressions, throttles, quota, warmup, wakeDelivery }: EngineServices): HandlersOf<PolicyMethods> {
  return {
    'suppressions.list': async ({ limit = DEFAULT_PAGE, cursor, ...filter }) => suppressions.list(filter, cursor, limit),
    'suppressions.add': async ({ addresses, scope, scopeValue, detail }) => ({ added: await suppressions.add(addresses, scope, scopeValue, detail ?? null) }),
    'suppressions.remove': async ({ ids }) => ({ removed: await suppressions.remove(ids) }),
    'suppressions.import': ({ csv, scope, scopeValue, reason, dryRun }) => suppressions.importCsv(csv, scope, scopeValue, reason ?? 'import', dryRun ?? false),
    'suppressions.export': async (filter) => suppressions.exportCsv(filter),
    'throttles.list': async () => ({ rules: throttles.rules(), effective: throttles.effective() }),
    'throttles.setRule': (rule) => throttles.set(rule),
    'throttles.removeRule': async ({ scope, match }) => ({ removed: await throttles.remove(scope, match) }),
    'quota.get': async () => quota.status(),
    'quota.set': async (settings) => {
      const status = await quota.set(settings);
      wakeDelivery(); // a raised limit releases waiting mail at once
      return status;
    },
    'warmup.list': async () => warmup.list(),
    'warmup.set': (plan) => warmup.set(plan),
    'warmup.remove': async ({ sourceAddress }) => ({ removed: await warmup.remove(sourceAddress) }),
  };
}
