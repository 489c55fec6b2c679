// Alerts from 'alerts.live': recent ones first, new ones on top as the engine raises them.
import { createStore } from 'zustand/vanilla';
import type { AlertView, ApiClient, ApiError } from '../../engine/api/contract';
import { shareSubscription, type LiveStore } from './live-store';

export const ALERTS_KEPT = 100;

export interface AlertsState {
  alerts: AlertView[];
  isLoaded: boolean;
  error: ApiError | null;
}

/** Newest first, without duplicates (a resync may repeat an alert already shown). */
export function addAlert(alerts: readonly AlertView[], alert: AlertView): AlertView[] {
  return [alert, ...alerts.filter((existing) => existing.id !== alert.id)].slice(0, ALERTS_KEPT);
}

export function createAlertsStore(client: ApiClient): LiveStore<AlertsState> {
  const store = createStore<AlertsState>(() => ({ alerts: [], isLoaded: false, error: null }));
  return {
    store,
    start: shareSubscription(() => client.subscribe('alerts.live', {}, {
      onSnapshot: (alerts) => store.setState({ alerts: alerts.slice(0, ALERTS_KEPT), isLoaded: true, error: null }),
      onEvent: (alert) => store.setState((state) => ({ alerts: addAlert(state.alerts, alert) })),
      onError: (error) => store.setState({ error }),
    })),
  };
}
