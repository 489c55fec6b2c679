// The console's stores, created once per connection; views start the ones they show.
import type { ApiClient } from '../../engine/api/contract';
import { createSessionsStore, type SessionsState } from './sessions-store';
import { createStatusStore, type StatusState } from './status-store';
import type { LiveStore } from './live-store';

export interface ConsoleStores {
  status: LiveStore<StatusState>;
  sessions: LiveStore<SessionsState>;
}

export function createConsoleStores(client: ApiClient): ConsoleStores {
  return { status: createStatusStore(client), sessions: createSessionsStore(client) };
}

export type { LiveStore } from './live-store';
export type { StatusState } from './status-store';
export type { SessionsState } from './sessions-store';
export { createConnectionStore, type ConnectionView } from './connection-store';
