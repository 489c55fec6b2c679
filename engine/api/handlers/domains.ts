// Handlers of sending domains and blocklist monitoring.
import type { EngineServices } from '../services';
import type { HandlersOf } from './types';

export function domainsHandlers({ domains, blocklists }: EngineServices): HandlersOf<`domains.${string}` | `blocklists.${string}`> {
  return {
    'domains.list': async () => domains.list(),
    'domains.get': async ({ domain }) => domains.get(domain),
    'domains.add': (input) => domains.add(input),
    'domains.update': ({ domain, patch }) => domains.update(domain, patch),
    'domains.remove': async ({ domain }) => ({ removed: await domains.remove(domain) }),
    'domains.verify': ({ domain }) => domains.verify(domain),
    'domains.rotateDkim': ({ domain }) => domains.rotateNow(domain),
    'domains.zoneFile': async ({ domain }) => ({ zone: domains.zoneFile(domain) }),
    'blocklists.status': async () => blocklists.status(),
    'blocklists.check': () => blocklists.check(),
    'blocklists.history': async ({ target, list, limit }) => blocklists.history(target, list, limit ?? 100),
    'blocklists.configure': (settings) => blocklists.configure(settings),
  };
}
