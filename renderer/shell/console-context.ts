// What every page reaches without prop drilling: the contract client, the live stores,
// the current route and navigation.
import { createContext, useContext } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../../engine/api/contract';
import type { ConsoleStores } from '../stores/index';
import type { NoticeState } from '../stores/notice-store';
import type { SetupGuideState } from '../stores/setup-guide-store';
import type { ThemeState } from '../stores/theme-store';
import type { Route } from './routes';

export interface ConsoleContextValue {
  client: ApiClient;
  stores: ConsoleStores;
  theme: StoreApi<ThemeState>;
  /** Whether the "Getting started" guide was skipped (it then no longer opens by itself). */
  setupGuide: StoreApi<SetupGuideState>;
  notices: StoreApi<NoticeState>;
  transport: 'ipc' | 'websocket';
  route: Route;
  /** Goes to `route`; `replace` keeps Back from returning to every keystroke of a filter. */
  navigate(route: Route, options?: { replace?: boolean }): void;
}

export const ConsoleContext = createContext<ConsoleContextValue | null>(null);

export function useConsole(): ConsoleContextValue {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('useConsole outside the console shell');
  return value;
}
