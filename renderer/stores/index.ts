// The console's live stores, created once per connection; views start the ones they show.
import type { ApiClient } from '../../engine/api/contract';
import { createAlertsStore, type AlertsState } from './alerts-store';
import { createSessionsStore, type SessionsState } from './sessions-store';
import { createStatsStore, type StatsState } from './stats-store';
import { createStatusStore, type StatusStore } from './status-store';
import { createThrottlesStore, type ThrottlesState } from './throttles-store';
import type { LiveStore } from './live-store';

export interface ConsoleStores {
  status: StatusStore;
  sessions: LiveStore<SessionsState>;
  stats: LiveStore<StatsState>;
  alerts: LiveStore<AlertsState>;
  throttles: LiveStore<ThrottlesState>;
}

export function createConsoleStores(client: ApiClient): ConsoleStores {
  return {
    status: createStatusStore(client),
    sessions: createSessionsStore(client),
    stats: createStatsStore(client),
    alerts: createAlertsStore(client),
    throttles: createThrottlesStore(client),
  };
}

export type { LiveStore } from './live-store';
export type { StatusState } from './status-store';
export type { SessionsState } from './sessions-store';
export { createConnectionStore, type ConnectionView } from './connection-store';
