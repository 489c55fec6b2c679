// Analytics capability: rollups by hour and day maintained from stored events, reports,
// CSV export and rebuild.
import type { Store } from '../store/index';
import { EventFeed } from '../events/index';
import { RollupConsumer } from './rollups';
import { AnalyticsService } from './service';

export { AnalyticsService } from './service';

export interface Analytics {
  readonly service: AnalyticsService;
  readonly feed: EventFeed;
}

export function createAnalytics(store: Store, log: (message: string, details: Record<string, unknown>) => void): Analytics {
  const feed = new EventFeed(store, new RollupConsumer(store.db), log);
  return { service: new AnalyticsService(store, feed), feed };
}
