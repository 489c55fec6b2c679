// Handlers of analytics, retention and message search.
import type { EngineServices } from '../services';
import type { HandlersOf } from './types';

type InsightMethods = `analytics.${string}` | `retention.${string}` | 'message.search';

const DEFAULT_PAGE = 50;

export function analyticsHandlers({ analytics, retention, search }: EngineServices): HandlersOf<InsightMethods> {
  return {
    'analytics.query': (query) => analytics.query(query),
    'analytics.export': (query) => analytics.exportCsv(query),
    'analytics.dimensions': async ({ from, to }) => analytics.dimensions(from, to),
    'analytics.rebuild': () => analytics.rebuild(),
    'retention.get': async () => retention.view(),
    'retention.set': (patch) => retention.set(patch),
    'retention.run': () => retention.run(),
    'message.search': async ({ limit = DEFAULT_PAGE, ...criteria }) => search.search(criteria, limit),
  };
}
